/**
 * `lambdaload init [dir]`: writes a starter project (see `src/init/starter.ts`) and says how to run it.
 */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { writeStarter } from '../init/starter.js';

interface InitArgs {
  dir: string;
}

export const initCommand: CommandModule<object, InitArgs> = {
  command: 'init [dir]',
  describe: 'Write a starter scenario with a Node.js and a Python function (emulator target) into dir',
  builder: (y) => y.positional('dir', { type: 'string', default: '.', describe: 'Folder to write into (created if missing)' }) as never,
  handler: async (args) => {
    const written = await writeStarter(args.dir);
    const shown = path.relative(process.cwd(), written.dir);
    process.stdout.write(`created in ${shown === '' ? 'the current folder' : shown}:\n`);
    for (const file of written.files) process.stdout.write(`  ${file}\n`);
    const cd = shown === '' ? '' : `cd ${shown.includes(' ') ? JSON.stringify(shown) : shown} && `;
    process.stdout.write(`\nnext: ${cd}npx lambdaload run scenario.ts\n`);
  },
};
