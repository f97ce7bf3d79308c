// Files and photos (issue 16): what a file may be, without zod (shared/contract/files.ts builds the schemas from
// these and re-exports them). Pages that show or upload pictures import from here (docs/ARCHITECTURE.md, "Package layout").

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

/** How far WeChat's image check has got: 审核中, passed, or failed (hidden from everyone). */
export const CHECK_STATES = ['pending', 'pass', 'failed'] as const;
export const CHECK_STATE_LABELS: Record<(typeof CHECK_STATES)[number], string> = {
  pending: '审核中，通过后其他人才能看到',
  pass: '',
  failed: '未通过内容安全检查，已隐藏，其他人看不到',
};
