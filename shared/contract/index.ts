// The contract between the mini-program and the cloud functions: for every function, its actions
// with their input and output schemas. Server-owned fields (ids, openids, timestamps, roles) never
// appear in inputs.
import { orgContract } from './org';
import { scoreContract } from './score';
import { studyContract } from './study';
import { userContract } from './user';
import { volunteerContract } from './volunteer';
import { filesContract } from './files';
import { reviewContract } from './review';
import { remindContract } from './remind';
import { pledgeContract } from './pledge';
import { ledgerContract } from './ledger';
import type { z } from './zod';

export const contract = { user: userContract, org: orgContract, score: scoreContract, study: studyContract, volunteer: volunteerContract, files: filesContract, review: reviewContract, remind: remindContract, pledge: pledgeContract, ledger: ledgerContract } as const;

export type Contract = typeof contract;
export type FunctionName = keyof Contract;
export type ActionName<F extends FunctionName> = keyof Contract[F] & string;
type Spec<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends { input: z.ZodType; output: z.ZodType } ? Contract[F][A] : never;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<Spec<F, A>['input']>;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = z.output<Spec<F, A>['output']>;

/** What the client sends to a function: the action name and its input. */
export interface ActionEvent {
  action: string;
  input?: unknown;
}

export * from './errors';
export * from './roles';
export * from './common';
export { card, personSelf } from './user';
export type { Card, PersonSelf } from './user';
export type { Branch, Enterprise, PersonRow, RosterProblem, RosterRow } from './org';
export type { LedgerEntry } from './score';
export type { Block } from './study';
export { INBOX_KINDS, MEETING_KINDS, MEETING_KIND_LABELS, MEETING_REPEATS, MEETING_REPEAT_LABELS } from './study';
