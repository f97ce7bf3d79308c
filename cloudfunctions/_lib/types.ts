// Stored document shapes (server-side). Dates are Date objects; calendar days are YYYY-MM-DD strings.
import type { BranchKind, MemberType, Post } from '../../shared/contract';

export interface ParkDoc {
  _id: string;
  name: string;
  createdAt: Date;
}

export interface BranchDoc {
  _id: string;
  parkId: string;
  name: string;
  kind: BranchKind;
  enterpriseIds: string[];
  groups: Array<{ id: string; name: string }>;
  createdAt: Date;
  updatedAt: Date;
}

export interface EnterpriseDoc {
  _id: string;
  parkId: string;
  name: string;
  industry: string | null;
  employees: number | null;
  createdAt: Date;
}

export interface PersonDoc {
  _id: string;
  parkId: string;
  branchId: string;
  groupId: string | null;
  name: string;
  phone: string;
  memberType: MemberType;
  joinedPartyOn: string | null;
  posts: Post[];
  responsibilityArea: string | null;
  secretaryOf: string[];
  organizer: boolean;
  parkAdmin: boolean;
  /** Set when the person binds their WeChat; never from a request. */
  openid?: string;
  boundAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface InviteDoc {
  _id: string;
  /** The 8-character code. */
  code: string;
  personId: string;
  parkId: string;
  branchId: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export interface TransferDoc {
  _id: string;
  parkId: string;
  personId: string;
  personName: string;
  fromBranchId: string;
  toBranchId: string;
  reason: string;
  by: { id: string; name: string };
  at: Date;
}

export interface AuditDoc {
  _id?: string;
  parkId: string;
  at: Date;
  actor: { id: string; name: string };
  action: string;
  target: string;
  detail: Record<string, unknown>;
}
