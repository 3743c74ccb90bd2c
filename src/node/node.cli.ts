import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { initNode } from './node-init.js';

export const registerCommands: CommandRegistrar = (program, context) => {
  program
    .command('init')
    .description('create a node: data folder, keys, database and the admin user')
    .requiredOption('--data <dir>', 'data folder of the node')
    .requiredOption('--party <code>', 'the Party this node serves, as coded in the agreement profile (e.g. CN)')
    .requiredOption('--url <url>', 'the public URL peers and users reach this node at')
    .option('--profile <id>', 'agreement profile', 'cn-ru-2015')
    .action(async (opts: { data: string; party: string; url: string; profile: string }) => {
      const ctx = context();
      const result = await initNode({
        dataDir: opts.data,
        party: opts.party,
        url: opts.url,
        profile: opts.profile,
        adminPassword: process.env.ACCORD_ADMIN_PASSWORD,
        databaseUrl: process.env.DATABASE_URL,
      });
      print(
        ctx,
        [
          `node created in ${result.dataDir} for ${result.party} (${result.url})`,
          `admin user: admin`,
          result.generatedPassword ? `admin password: ${result.generatedPassword}` : 'admin password: from ACCORD_ADMIN_PASSWORD',
        ].join('\n'),
        { dataDir: result.dataDir, party: result.party, url: result.url, admin: 'admin', password: result.generatedPassword },
      );
    });
};
