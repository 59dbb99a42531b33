/**
 * The import key of each row of a file, so that importing it again adds nothing: the source's own
 * id when the format has one (IBKR TransactionID, Ghostfolio activity id), else the content hash
 * with its occurrence number among the file's rows of the same content ("<hash>:1", "<hash>:2", ...:
 * two identical rows of one file are two transactions). Keys are given in file order.
 */
import * as crypto from 'node:crypto';
import type { NewTransaction } from '../core/types.js';

/** sha256 in base64url; crypto.hash (one call, no Hash object) where Node has it (>= 20.12). */
const sha256 = (text: string): string =>
  typeof crypto.hash === 'function' ? crypto.hash('sha256', text, 'base64url') : crypto.createHash('sha256').update(text).digest('base64url');

/** Identity of a row's content (the text hashed must never change: it is in every ledger's keys). */
export function contentHash(tx: NewTransaction): string {
  const extra = tx.toAccount || tx.toSymbol || tx.fraction != null ? [tx.toAccount ?? null, tx.toSymbol ?? null, tx.fraction ?? null] : [];
  const text = JSON.stringify([tx.date, tx.type, tx.symbol, tx.quantity, tx.price, tx.amount, tx.fee, tx.currency, tx.account, tx.note, tx.ratio, ...extra]);
  return sha256(text).slice(0, 24);
}

/**
 * The key a row is staged with: the source's own id as it is, or the content hash, flagged `hashed`
 * so that staging appends its occurrence among the file's rows of the same content
 * (markStagedExisting in src/store/import-staging.ts numbers them in SQL: a count per hash held in
 * memory grew with the file and broke the 64 MB-heap import of 870,000 rows).
 */
export function stagingKey(tx: NewTransaction, sourceKey: string | undefined): { key: string; hashed: boolean } {
  return sourceKey !== undefined ? { key: sourceKey, hashed: false } : { key: contentHash(tx), hashed: true };
}
