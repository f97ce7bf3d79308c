// Files and photos (issue 16): the `files` function. A person asks for upload slots (files.prepare), uploads
// to them from the phone (Taro.cloud.uploadFile; the H5 build through the emulator's POST /files), then a
// record claims the uploads (files.attach: a meeting's photos and its attendance sheet, an activity's cover).
// Files are private: links (temporary URLs) are handed out only to people who may see the record, and an
// image others will see stays hidden (shown to its uploader as 审核中) until WeChat's image check passes it.
import { id } from './common';
import { z } from './zod';
import { CHECK_STATES, FILE_PURPOSES, IMAGE_EXTS, MAX_FILES_AT_ONCE, MAX_IMAGE_BYTES, RECORD_KINDS, TOO_LARGE_MESSAGE, WRONG_TYPE_MESSAGE } from './file-rules';

// The rules the phone checks too (kinds, purposes, image types and sizes, check states): ./file-rules.ts, without
// zod, so that PhotoGrid and services/files bring no schemas into the subpackages that show pictures.
export * from './file-rules';

export const recordRef = z.object({ kind: z.enum(RECORD_KINDS), id }).strict();
export type RecordRef = z.infer<typeof recordRef>;

/** A cloud file id as the storage gives it (cloud://<env>.<bucket>/<path>). */
export const fileId = z.string().min(1, '缺少文件').max(1000).regex(/^cloud:\/\//, '不是有效的文件');

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
