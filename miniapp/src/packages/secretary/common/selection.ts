/**
 * The people picked on 名册 for new invite codes, handed to the 邀请码 page. Kept in memory, not in
 * the URL: reopening the page later must not offer to regenerate codes (which would cancel the
 * codes already handed out).
 */
export interface Picked {
  id: string;
  name: string;
}

let picked: Picked[] = [];

export const setPicked = (p: Picked[]): void => {
  picked = p;
};
export const getPicked = (): Picked[] => picked;
