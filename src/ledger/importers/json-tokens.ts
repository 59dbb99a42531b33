/**
 * A JSON text streamed as tokens (stream-json's parser, fed chunk by chunk): one array of tokens
 * per chunk, so a caller walks them synchronously and never holds the document. A syntax error
 * throws, naming roughly where (characters read so far).
 */
import { getManyValues, none } from 'stream-chain/defs.js';
import Assembler from 'stream-json/assembler.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';

export type { Token };
export { Assembler };

export async function* jsonTokens(chunks: AsyncIterable<string>): AsyncGenerator<Token[]> {
  const parse = jsonParser({ streamValues: false });
  let read = 0;
  const step = (input: string | typeof none): Token[] => {
    try {
      const out = parse(input as string); // `none` flushes (stream-chain convention)
      return out === none ? [] : (getManyValues(out) as Token[]);
    } catch (err) {
      throw new Error(`${(err as Error).message.replace(/^Parser cannot parse input: /, '')} (within the first ${read.toLocaleString('en-US')} characters)`);
    }
  };
  let first = true;
  for await (let chunk of chunks) {
    if (first) chunk = chunk.replace(/^\uFEFF/, '');
    first = false;
    read += chunk.length;
    yield step(chunk);
  }
  yield step(none);
}
