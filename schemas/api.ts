/**
 * The contract between the server and its clients (the studio, portals): the shapes of
 * requests and responses. Each has a JSON Schema in `api.schema.json`, which the OpenAPI
 * document embeds and a test holds these types against.
 */
import type { CaseResult, ChecklistItem } from './compiled-types.ts';
import type { BusinessChange } from './diff.ts';
import type { BundleImpact, ChangedDocument } from './impact.ts';
import type { ReductionRow } from './reductions-table.ts';
import type { SheetProblem } from './catalog-sheets.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { DocumentKind } from './documents.ts';
import type { VersionState } from './lifecycle.ts';
import type { Region } from './regions.ts';
import type { Bundle, PolicyParameters, Selection, WorkCalendar } from './types.ts';

/** Roles, checked on every studio route. */
export const ROLES = ['admin', 'city-editor', 'viewer'] as const;

/** A studio role: province admin, a city's editor, or read-only. */
export type Role = (typeof ROLES)[number];

/** What officials call each role. */
export const ROLE_LABELS = { admin: '省级管理员', 'city-editor': '设区市编辑', viewer: '只读用户' } as const satisfies Record<Role, string>;

/** A studio user. */
export interface User {
  username: string;
  role: Role;
  /** The city a city editor is bound to; the province's code for admins and viewers. */
  region: string;
}

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 12;

/** The password rule as officials read it, next to every password input. */
export const PASSWORD_RULE_TEXT = `至少 ${MIN_PASSWORD_LENGTH} 个字符，不能只用一类字符，不能与用户名相同，不能是常见密码。`;

/** A user as administrators manage them. */
export interface UserAccount extends User {
  disabled: boolean;
  passwordChangedAt: string | null;
}

/** The signed-in user and the CSRF token writes must carry, or no user. */
export interface SessionView {
  user: User | null;
  csrfToken?: string;
}

/** A document's current revision, without its body. */
export interface DocumentHead {
  kind: DocumentKind;
  id: string;
  rev: number;
  /** Owner region (city-local matters, variants); null for the province's documents. */
  region: string | null;
  updatedAt: string;
  updatedBy: string;
}

/** A document at one revision. */
export interface DocumentView<T = unknown> extends DocumentHead {
  body: T;
}

/** A bundle version without its body. */
export interface VersionView {
  bundleId: string;
  version: number;
  state: VersionState;
  pilotRegions: string[];
  createdAt: string;
  createdBy: string;
  publishedAt: string | null;
  retiredAt: string | null;
}

/** A bundle version with the bundle as it was versioned. */
export interface VersionRecord extends VersionView {
  body: Bundle;
}

/** A version in effect in a city, and the version the city actually serves (an older one while its variant conflicts). */
export interface ServedVersion extends VersionRecord {
  servingVersion: number | null;
}

/** Everything the studio loads on start: the documents and versions the user may see, the regions; for a city, what is in effect there. */
export interface DefinitionsView {
  documents: DocumentView[];
  versions: VersionView[];
  regions: Region[];
  /** For a city editor: each bundle's version in effect in the city (the province's drafts are not theirs). */
  served?: ServedVersion[];
}

/** What an import of the matter catalog (.xlsx) does or would do: each matter, the problems by sheet, row and column, and the impact. */
export interface CatalogImportReport {
  /** True when nothing was written (`?dryRun=1`, or refused). */
  dryRun: boolean;
  matters: { code: string; name: string; action: 'create' | 'update' | 'unchanged'; changes: string[] }[];
  problems: SheetProblem[];
  impact: BundleImpact[];
}

/** One revision of a document in its history, with what changed from the one before, in words. */
export interface RevisionView {
  rev: number;
  updatedAt: string;
  updatedBy: string;
  /** Empty for the first revision (created) or a save that changed nothing officials see. */
  changes: string[];
}

/** A published release of a document that has its own lifecycle (the calendar). */
export interface ReleaseView {
  kind: DocumentKind;
  id: string;
  release: number;
  /** The document revision it published. */
  rev: number;
  publishedAt: string;
  publishedBy: string;
}

/** One answer to a 情形 question: true / false, an option's value, several options' values, a number, or a date (YYYY-MM-DD). */
export type Answer = boolean | string | number | string[];

/** One field-level problem: where (JSON Pointer) and what, in Chinese. */
export interface ProblemError {
  path: string;
  message: string;
}

/** RFC 9457 problem details, as every error leaves the server. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  /** Field-level problems of a 422 (at most 50). */
  errors?: ProblemError[];
  /** How many more errors there were than listed. */
  moreErrors?: number;
  /** Compiler findings that refused a write or a publish. */
  diagnostics?: Diagnostic[];
  /** The current revision, with a 409 or 412. */
  current?: DocumentView | null;
}

/** What the audit log records, with what officials call it. */
export const AUDIT_ACTIONS = {
  create: '新建',
  update: '修改',
  'record-cases': '重新记录用例结果',
  import: '导入',
  release: '发布',
  trial: '提交试运行',
  publish: '正式发布',
  retire: '停用版本',
  'create-user': '新建用户',
  'update-user': '修改用户',
  'change-password': '修改本人密码',
  'reset-password': '重置密码',
  'delete-user': '删除用户',
} as const;

/** An action the audit log records. */
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** One line of the audit log. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: AuditAction;
  target: string;
  before: unknown;
  after: unknown;
}

/** A city's variant as the province sees it in the status matrix. */
export interface VariantStatus {
  id: string;
  bundle: string;
  region: string;
  baseVersion: number;
  latestVersion: number | null;
  servingVersion: number | null;
  status: 'up-to-date' | 'behind' | 'conflicting';
  conflicts: number;
  /** The city's latest published release of the variant (null: never published, the city serves the province's base). */
  release: number | null;
  /** The draft's revision. */
  draftRev: number;
  /** True when the draft has changes the city has not published. */
  unpublished: boolean;
}

/** A bundle in effect in a region, as the public list gives it. */
export interface BundleSummary {
  id: string;
  name: string;
  version: number;
  state: VersionState;
  stateText: string;
  scenarios: { id: string; label: string; target: 'individual' | 'organization'; mode: 'integrated' | 'parallel' | 'serial' }[];
}

/** What one selected matter's back office receives from a valid application. */
export interface MatterPlan {
  code: string;
  name: string;
  department: string;
  selection: Selection;
  /** 1-based stage of the flow. */
  stage: number;
  /** Matters that must finish before this one starts. */
  startsAfter: string[];
  /** Working days in this bundle: its share when the bundle promises less than the chain. */
  days: number;
  /** The matter's own 承诺时限 when applied for alone; above `days`, the bundle shortened it. */
  ownDays: number;
  /** Due date (YYYY-MM-DD) through the working-day calendar. */
  due: string;
  /** Ids of the checklist items this matter needs. */
  materials: string[];
  /**
   * The application's values of the fields this matter asks for, by section; an employer's
   * bundle adds each employee's own sections under `employees`, in the roster's order.
   */
  fields: Record<string, Record<string, unknown> | Record<string, Record<string, unknown>>[]>;
}

/** A rule an application breaks: which, what it says, and the fields it points at. */
export interface RuleFinding {
  rule: string;
  message: string;
  paths: string[];
}

/** The plan of a valid application. */
export interface Plan {
  bundle: {
    id: string;
    version: number;
    region: string;
    scenario: string;
    /** The day the application was received; `acceptedOn` is that day, or the next working day. */
    receivedOn: string;
    acceptedOn: string;
    days: number;
    due: string;
  };
  matters: MatterPlan[];
  checklist: ChecklistItem[];
  /** What the runtime worked out from the application (by field id): a birth date and gender from an ID number. */
  derived: Record<string, unknown>;
  /** 提示 rules the application breaks: accepted, for the clerk to check. */
  warnings: RuleFinding[];
  /** Years of the plan's dates whose holidays are not yet announced: those dates may still move. */
  provisionalYears: number[];
}

/** The answer to a valid application. */
export interface ValidResponse {
  valid: true;
  plan: Plan;
}

/** The working-day calendar the runtime plans with, as published. */
export interface PublishedCalendarView {
  /** Release number; 0 while no calendar has been published (weekdays only). */
  release: number;
  publishedAt: string | null;
  calendar: WorkCalendar;
}

/** The 政策参数 the runtime judges with, as published. */
export interface PublishedParametersView {
  /** Release number; 0 while none has been published (rules that name a parameter do not hold). */
  release: number;
  publishedAt: string | null;
  parameters: PolicyParameters;
}

/** What publishing a bundle's draft would do, before anything is published. */
export interface PublishPreview {
  bundleId: string;
  /** The number the new version would have. */
  version: number;
  /** What changed since the latest live version, in business terms. */
  changes: BusinessChange[];
  /** Errors and warnings of the draft. */
  diagnostics: Diagnostic[];
  /** Each city with a variant: follows by itself (rebase) or conflicts and keeps its last good version. */
  cities: CityImpact[];
}

/** What a province publish does to one city that has a variant. */
export interface CityImpact {
  region: string;
  regionName: string;
  variant: string;
  status: 'rebase' | 'conflict';
  servingVersion: number | null;
  conflicts: { operation: number; reason: string }[];
  /** The city's 用例 whose outcome the publish would change (the city re-records them). */
  cases: { id: string; label: string; changes: string[] }[];
}

/** A bundle's 用例 as its draft gives them (for a city: its variant's draft, or the version in effect there). */
export interface CaseList {
  bundleId: string;
  region: string;
  cases: CaseResult[];
}

/** A changed document to analyse (nothing is saved). */
export type ImpactRequest = ChangedDocument;

/** What saving a changed document would do, before it is saved. */
export interface ImpactReport {
  kind: DocumentKind;
  id: string;
  /** Every bundle it reaches, in the province and in each city with a variant; those it leaves unchanged are left out. */
  bundles: BundleImpact[];
}

/** Every bundle in effect in every region: its four reductions per scenario. */
export interface ReductionsView {
  rows: ReductionRow[];
}

/** The 用例 to record as the compile now gives them. */
export interface CaseRecordRequest {
  cases: string[];
}
