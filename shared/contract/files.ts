// Files and photos (issue 16): the `files` function. A person asks for upload slots (files.prepare), uploads
// to them from the phone (Taro.cloud.uploadFile; the H5 build through the emulator's POST /files), then a
// record claims the uploads (files.attach: a meeting's photos and its attendance sheet, an activity's cover).
// Files are private: links (temporary URLs) are handed out only to people who may see the record, and an
// image others will see stays hidden (shown to its uploader as 审核中) until WeChat's image check passes it.
import { id } from './common';
import { z } from './zod';

/** What a file belongs to: a 主题党日 / 大党课 meeting, a volunteer activity, or a pledge (its evidence photos). */
export const RECORD_KINDS = ['meeting', 'activity', 'pledge'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
/** What the file is on that record. */
export const FILE_PURPOSES = ['photo', 'sheet', 'cover'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];
export const FILE_PURPOSE_LABELS: Record<FilePurpose, string> = { photo: '活动照片', sheet: '签到表照片', cover: '封面图片' };
/** Which purposes each kind of record takes, and how many files of each at most. */
export const PURPOSES_OF: Record<RecordKind, Partial<Record<FilePurpose, number>>> = {
  meeting: { photo: 20, sheet: 3 },
  activity: { cover: 1 },
  pledge: { photo: 20 },
};

/** Images only: what the phone's album and camera give (HEIC is converted by WeChat's compressed picker). */
export const IMAGE_EXTS = ['jpg', 'jpeg', 'png', 'webp'] as const;
export type ImageExt = (typeof IMAGE_EXTS)[number];
/** Largest image accepted, after the phone's compression. */
export const MAX_IMAGE_MB = 10;
export const MAX_IMAGE_BYTES = MAX_IMAGE_MB * 1024 * 1024;
/** At most this many files in one go (WeChat's chooseMedia allows 9 images at once). */
export const MAX_FILES_AT_ONCE = 9;

export const WRONG_TYPE_MESSAGE = '只能上传 JPG、PNG 或 WebP 格式的图片';
export const TOO_LARGE_MESSAGE = `图片不能超过 ${MAX_IMAGE_MB} MB，请换一张或压缩后再上传`;

/** The extension of a file name or path (lower case, without the dot); '' when it has none. */
export function extOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

/** Why the phone should refuse this image before uploading it (null: fine). The function checks again. */
export function imageProblem(name: string, size: number): string | null {
  if (!(IMAGE_EXTS as readonly string[]).includes(extOf(name))) return WRONG_TYPE_MESSAGE;
  if (size > MAX_IMAGE_BYTES) return TOO_LARGE_MESSAGE;
  if (size <= 0) return '这张图片是空的，请换一张';
  return null;
}

export const recordRef = z.object({ kind: z.enum(RECORD_KINDS), id }).strict();
export type RecordRef = z.infer<typeof recordRef>;

/** A cloud file id as the storage gives it (cloud://<env>.<bucket>/<path>). */
export const fileId = z.string().min(1, '缺少文件').max(1000).regex(/^cloud:\/\//, '不是有效的文件');

/** How far WeChat's image check has got: 审核中, passed, or failed (hidden from everyone). */
export const CHECK_STATES = ['pending', 'pass', 'failed'] as const;
export const CHECK_STATE_LABELS: Record<(typeof CHECK_STATES)[number], string> = {
  pending: '审核中，通过后其他人才能看到',
  pass: '',
  failed: '未通过内容安全检查，已隐藏，其他人看不到',
};

export const fileView = z.object({
  fileId: z.string(),
  purpose: z.enum(FILE_PURPOSES),
  /** A temporary link (valid about an hour); null when the caller may not see the picture (a failed check). */
  url: z.string().nullable(),
  check: z.enum(CHECK_STATES),
  /** The caller uploaded it (only uploaders see their own pictures before they pass). */
  mine: z.boolean(),
  /** The caller may remove it (its uploader, or whoever manages the record). */
  canRemove: z.boolean(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type FileView = z.infer<typeof fileView>;

export const filesContract = {
  /** Upload slots for up to 9 images: where to upload each (a path only this person may fill), valid a day. */
  'files.prepare': {
    input: z
      .object({
        files: z
          .array(
            z
              .object({
                ext: z.enum(IMAGE_EXTS, { error: WRONG_TYPE_MESSAGE }),
                size: z.number().int().min(1, '这张图片是空的，请换一张').max(MAX_IMAGE_BYTES, TOO_LARGE_MESSAGE),
              })
              .strict(),
          )
          .min(1, '请选择图片')
          .max(MAX_FILES_AT_ONCE, `一次最多上传 ${MAX_FILES_AT_ONCE} 张`),
      })
      .strict(),
    output: z.object({ uploads: z.array(z.object({ cloudPath: z.string(), fileId: z.string() })) }),
  },
  /**
   * A record claims uploads of the caller's (who must manage the record): each is checked (an image, not over
   * the limit) and sent to WeChat's image check; a wrong one is deleted and refused, and then nothing is claimed.
   */
  'files.attach': {
    input: z
      .object({ record: recordRef, purpose: z.enum(FILE_PURPOSES), fileIds: z.array(fileId).min(1, '请选择图片').max(MAX_FILES_AT_ONCE, `一次最多上传 ${MAX_FILES_AT_ONCE} 张`) })
      .strict(),
    output: z.object({ files: z.array(fileView) }),
  },
  /** A record's files the caller may see, with links; what the record is; whether the caller may add files. */
  'files.list': {
    input: z.object({ record: recordRef }).strict(),
    output: z.object({
      record: z.object({ title: z.string(), subtitle: z.string() }),
      canAdd: z.boolean(),
      files: z.array(fileView),
    }),
  },
  /** A fresh link for one file, for someone allowed to see its record (NOT_FOUND otherwise, also for a bad id). */
  'files.url': { input: z.object({ fileId }).strict(), output: z.object({ url: z.string() }) },
  /** Remove a file from its record and from storage (its uploader, or whoever manages the record). */
  'files.remove': { input: z.object({ fileId }).strict(), output: z.object({ removed: z.boolean() }) },
} as const;
