/**
 * The studio's only way to the server: JSON over fetch, the session cookie, the CSRF token
 * on writes, and problem+json turned into an ApiError with the Chinese detail and field errors.
 */
import type { Problem } from '../../../schemas/index.ts';

/** An error answer of the server (RFC 9457 problem details). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Partial<Problem>;

  constructor(status: number, problem: Partial<Problem>) {
    super(problem.detail ?? problem.title ?? `请求失败（${status}）`);
    this.status = status;
    this.problem = problem;
  }
}

let csrfToken = '';

/** Remembers the CSRF token of the current session. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Calls the API; resolves with the JSON body and the ETag. `keepalive` lets a request outlive the page. */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  options: { keepalive?: boolean } = {},
): Promise<{ data: T; etag: string | null }> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...headers },
    keepalive: options.keepalive === true,
    // the studio always works with what the server holds now: public routes' max-age is for applicants
    cache: 'no-cache',
  };
  if (method !== 'GET') (init.headers as Record<string, string>)['X-CSRF-Token'] = csrfToken;
  if (body instanceof Blob) {
    (init.headers as Record<string, string>)['Content-Type'] = body.type;
    init.body = body;
  } else if (body !== undefined) {
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, { detail: '无法连接服务器，请检查网络后重试' });
  }
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) throw new ApiError(res.status, (json ?? {}) as Partial<Problem>);
  return { data: json as T, etag: res.headers.get('etag') };
}

/** A refusal's field-level problems by field name (`/password` → `password`), for showing each next to its input; empty for any other error. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return {};
  return Object.fromEntries(error.problem.errors.map((e) => [e.path.slice(1), e.message]));
}
