/** Path parameters the studio routers share, loaded once for every handler by `router.param`. */
import type { RequestParamHandler } from 'express';
import { DOCUMENT_KINDS, isDocumentKind, type DocumentKind } from '../../schemas/index.ts';
import { problem } from '../http/problem.ts';

declare module 'express-serve-static-core' {
  interface Request {
    documentKind?: DocumentKind;
  }
}

/** `:kind` names a kind of document (else 404). */
export const documentKindParam: RequestParamHandler = (req, _res, next, kind: string) => {
  if (!isDocumentKind(kind)) return next(problem(404, `没有文档类型「${kind}」，可选：${DOCUMENT_KINDS.join('、')}`));
  req.documentKind = kind;
  next();
};
