import { compileBundle } from '../schemas/index.ts';
import { loadDefinitions, loadRegions } from '../server/catalog/shipped.ts';
const defs = loadDefinitions();
for (const b of defs.bundles) for (const r of loadRegions()) for (const d of compileBundle(defs, b.id, r.code).diagnostics.filter((d) => d.severity === 'error')) console.log(b.id, r.code, d.code, d.path, d.message.slice(0, 200));
