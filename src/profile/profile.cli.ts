import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { AccordError } from '../errors/errors.js';
import { checkProfile, listProfiles, loadProfile, profilesDirectory, readProfileData, resolveProfileFile } from './profile.loader.js';
import { profileMessage as msg } from './profile.messages.js';
import { pickText, profileSummary } from './profile.summary.js';
import { invalidProfileError } from './profile.validator.js';

/** The profile `accord profile show` shows without an argument (the one `accord init` defaults to). */
export { help } from './profile.help.js';

export const DEFAULT_PROFILE_ID = 'cn-ru-2015';

export const registerCommands: CommandRegistrar = (program, context) => {
  const profile = program.command('profile').description('agreement profiles: show, validate, list');

  profile
    .command('show')
    .description('summary of an agreement profile (--json: the whole profile)')
    .argument('[id]', 'profile id or path to a profile file', DEFAULT_PROFILE_ID)
    .action((id: string) => {
      const ctx = context();
      const loaded = loadProfile(id);
      print(ctx, profileSummary(loaded, ctx.locale).join('\n'), loaded);
    });

  profile
    .command('validate')
    .description('check a profile file or id; prints OK or every problem with its path')
    .argument('<file-or-id>', 'profile id or path to a profile file')
    .action((target: string) => {
      const ctx = context();
      const file = resolveProfileFile(target);
      const { profile: valid, problems } = checkProfile(readProfileData(file));
      if (valid) {
        print(ctx, msg('validate.ok', { id: valid.id, version: valid.version, file }).text(ctx.locale), {
          valid: true,
          id: valid.id,
          version: valid.version,
          file,
        });
        return;
      }
      // JSON readers get the problems as error details; people get them in their language.
      if (ctx.json) throw invalidProfileError(file, problems);
      for (const problem of problems) ctx.stderr.write(`  ${problem.path}: ${problem.message.text(ctx.locale)}\n`);
      throw new AccordError('invalid-profile', msg('load.invalid', { file, count: problems.length }));
    });

  profile
    .command('list')
    .description('the agreement profiles available')
    .action(() => {
      const ctx = context();
      const entries = listProfiles().map((id) => {
        const p = loadProfile(id);
        return { id, version: p.version, title: pickText(p, p.title, ctx.locale), parties: p.parties.map((x) => x.code) };
      });
      const human = [
        msg('list.heading', { dir: profilesDirectory() }).text(ctx.locale),
        ...entries.map((e) => `  ${e.id.padEnd(20)} ${e.version.padEnd(8)} ${e.parties.join('-').padEnd(10)} ${e.title}`),
      ].join('\n');
      print(ctx, human, entries);
    });
};
