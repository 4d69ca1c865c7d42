/**
 * RFC 9457 problem details: every error leaves the server as `application/problem+json`
 * with a Chinese title and detail, and for validation errors each field's path and message.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from './logger.ts';

/** One field-level error inside a problem. */
export interface ProblemError {
  path: string;
  message: string;
}

/** A problem a handler throws; the error middleware renders it. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly extra: Record<string, unknown>;

  constructor(status: number, title: string, detail?: string, extra: Record<string, unknown> = {}) {
    super(detail ?? title);
    this.status = status;
    this.title = title;
    this.extra = extra;
  }
}

/** The title of each status a problem is sent with. */
export const PROBLEM_TITLES: Record<number, string> = {
  400: '请求格式错误',
  401: '未登录或登录已过期',
  403: '没有权限',
  404: '未找到',
  405: '不支持的请求方法',
  409: '与当前状态冲突',
  410: '已停用',
  503: '服务暂不可用',
  412: '版本已过期',
  413: '请求体过大',
  415: '不支持的内容类型',
  422: '内容校验未通过',
  428: '缺少版本条件',
  429: '请求过于频繁',
  500: '服务器内部错误',
};

/** Sends a problem response. */
export function sendProblem(
  res: Response,
  status: number,
  detail: string,
  extra: Record<string, unknown> = {},
  title = PROBLEM_TITLES[status] ?? '请求失败',
): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: status === 422 ? 'https://yijianshi.example/problems/validation' : 'about:blank',
        title,
        status,
        detail,
        instance: res.req.originalUrl,
        ...extra,
      }),
    );
}

/** Shorthand for throwing a problem with the standard title of its status. */
export function problem(status: number, detail: string, extra: Record<string, unknown> = {}): HttpProblem {
  return new HttpProblem(status, PROBLEM_TITLES[status] ?? '请求失败', detail, extra);
}

/** JSON 404 for anything no route answered. */
export const notFound: RequestHandler = (req, res) => {
  sendProblem(res, 404, `没有这个接口或资源：${req.method} ${req.path}`);
};

/** What the client did wrong, in its words, for errors Express and the body parser raise. */
function clientError(e: { type?: string; status?: number; statusCode?: number; name?: string }): [number, string] | null {
  if (e.type === 'entity.too.large') return [413, '请求体超过允许的大小'];
  if (e.type === 'entity.too.deep') return [400, '请求体嵌套过深（超过 64 层）'];
  if (e.type === 'entity.parse.failed') return [400, '请求体不是合法的 JSON'];
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return [415, '不支持的字符编码'];
  const status = e.status ?? e.statusCode;
  if (!status || status < 400 || status >= 500) return null;
  if (e.name === 'URIError' || /decode/i.test(String((e as Error).message))) return [400, '地址中有无效的百分号转义'];
  return [status, '请求无法处理'];
}

/** The one error middleware, registered last: known problems as they are, any client error as its 4xx, the rest as a 500 without internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof HttpProblem) return sendProblem(res, err.status, err.message, err.extra, err.title);
    const client = clientError(err as Parameters<typeof clientError>[0]);
    if (client) return sendProblem(res, client[0], client[1]);
    logger.error('unhandled error', { method: req.method, path: req.path, error: err instanceof Error ? err.stack : String(err) });
    sendProblem(res, 500, '服务器处理请求时出错，请稍后再试');
  };
}
