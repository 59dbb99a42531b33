import { readdirSync } from 'node:fs';
import { it } from 'vitest';
import { home, importFixture } from '../../helpers/import-fixtures.js';

it('scratch', async () => {
  for (const dir of ['ibkr']) {
    for (const f of readdirSync(importFixture(dir)).filter((f) => f.endsWith('xml'))) {
      const h = home();
      const r = await h.run(['import', importFixture(dir, f), '--dry-run']);
      console.log(`==== ${dir}/${f} code=${r.code}\n${r.stdout}${r.stderr}`);
    }
  }
}, 60000);
