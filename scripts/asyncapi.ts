import { writeFile } from 'node:fs/promises';
import { buildAsyncApiYaml } from '@profila/contracts';

await writeFile('docs/asyncapi.yaml', buildAsyncApiYaml());
console.log('docs/asyncapi.yaml written');
