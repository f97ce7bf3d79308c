// Bench-only function (npm run bench:leaderboard): one award through the real points engine,
// awardPoints from cloudfunctions/_lib/points.ts, as a feature function would call it after its own
// checks. event = { input: AwardInput }.
import { type AwardInput, awardPoints } from '../../../cloudfunctions/_lib/points';

export async function main(event: { input: AwardInput }) {
  const input = { ...event.input, at: event.input.at ? new Date(event.input.at as unknown as string) : undefined };
  return awardPoints(input);
}
