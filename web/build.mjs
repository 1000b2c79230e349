// Writes the pages into src/Api/wwwroot, which is committed so that `dotnet run --project src/Api`
// serves them without an npm step. The page sources are plain ES modules and are copied as they
// are; Chart.js is copied from node_modules without its source map.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = dirname(fileURLToPath(import.meta.url));
const source = join(webRoot, 'src');
const output = join(webRoot, '..', 'src', 'Api', 'wwwroot');
const chartDist = join(webRoot, 'node_modules', 'chart.js');

rmSync(output, { recursive: true, force: true });
cpSync(source, output, { recursive: true });

const chartVersion = JSON.parse(readFileSync(join(chartDist, 'package.json'), 'utf8')).version;
const chartScript = readFileSync(join(chartDist, 'dist', 'chart.umd.min.js'), 'utf8')
  .replace(/\n?\/\/# sourceMappingURL=.*\s*$/, '\n');
mkdirSync(join(output, 'vendor'), { recursive: true });
writeFileSync(join(output, 'vendor', 'chart.umd.min.js'), chartScript);
cpSync(join(chartDist, 'LICENSE.md'), join(output, 'vendor', 'chart.js.LICENSE.md'));

console.log(`Wrote ${output} with Chart.js ${chartVersion}.`);
