import { AccordError, type ErrorCode } from './errors.js';
import { defineMessages } from '../i18n/messages.js';

const fileMessage = defineMessages(
  'file',
  {
    ENOENT: 'there is no file or folder {path}',
    EACCES: 'no permission to use {path}',
    EISDIR: '{path} is a folder, not a file',
    ENOTDIR: 'a part of {path} is a file, not a folder',
    EEXIST: '{path} already exists',
    folderGiven: 'a folder was given where a file is needed',
  },
  {
    ENOENT: '不存在文件或文件夹 {path}',
    EACCES: '无权使用 {path}',
    EISDIR: '{path} 是文件夹，不是文件',
    ENOTDIR: '{path} 的某一部分是文件，不是文件夹',
    EEXIST: '{path} 已存在',
    folderGiven: '需要文件的地方给出了文件夹',
  },
  {
    ENOENT: 'файла или папки {path} нет',
    EACCES: 'нет прав на использование {path}',
    EISDIR: '{path} — папка, а не файл',
    ENOTDIR: 'часть пути {path} — файл, а не папка',
    EEXIST: '{path} уже существует',
    folderGiven: 'вместо файла указана папка',
  },
);

type FileErrorCode = Exclude<Parameters<typeof fileMessage>[0], 'folderGiven'>;

const codes: Readonly<Record<FileErrorCode, ErrorCode>> = {
  ENOENT: 'not-found',
  EACCES: 'forbidden',
  EISDIR: 'bad-request',
  ENOTDIR: 'bad-request',
  EEXIST: 'conflict',
};

/**
 * A file the user named that cannot be read or written is the user's to fix, not an internal
 * error: said in their language, with the path, and the exit code of its kind.
 */
export function fileError(error: unknown): AccordError | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path } = error as NodeJS.ErrnoException;
  const known = code === 'EPERM' ? 'EACCES' : code;
  // Reading a folder as a file is the one such error Node reports without the path.
  if (known === 'EISDIR' && typeof path !== 'string') return new AccordError('bad-request', fileMessage('folderGiven'), { cause: error });
  if (typeof path !== 'string' || known === undefined || !Object.hasOwn(codes, known)) return undefined;
  const kind = known as FileErrorCode;
  return new AccordError(codes[kind], fileMessage(kind, { path }), { cause: error });
}
