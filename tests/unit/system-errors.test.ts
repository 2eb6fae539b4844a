import { describe, expect, it } from 'vitest';
import { devFailure } from '../../integrations/dev-routes.ts';
import { describeSystemFault, findSystemFault, systemFaultLine } from '#src/lib/build/system-errors.ts';

const ROOT = '/site';
/** An error as Node's fs raises it. */
function fsError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: something, ${syscall} '${file}'`), { code, syscall, path: file });
}
const line = (error: unknown) =>
  systemFaultLine({
    failed: 'The build failed',
    fault: findSystemFault(error)!,
    root: ROOT,
    consequence: 'dist/ is unchanged.',
    again: 'build again',
  });

describe('system errors', () => {
  it('read a full disk as the build log says it, naming the file by the name it is known by', () => {
    expect(line(fsError('ENOSPC', 'write', '/site/node_modules/.astro/blog-images/hero-1a2b-800.webp.4242.tmp'))).toBe(
      'The build failed: the disk is full (writing node_modules/.astro/blog-images/hero-1a2b-800.webp). dist/ is unchanged; free some space and build again.',
    );
  });

  it('say what happened for each failure of the machine', () => {
    const what = (code: string, syscall = 'open') => describeSystemFault({ code, syscall, file: '/site/dist/x.html' }, ROOT).what;
    expect(what('EACCES')).toBe('no permission (opening dist/x.html)');
    expect(what('EPERM', 'rename')).toBe('no permission (renaming dist/x.html)');
    expect(what('EMFILE')).toBe('too many files are open (opening dist/x.html)');
    expect(what('ENFILE')).toBe('too many files are open (opening dist/x.html)');
    expect(what('EROFS', 'mkdir')).toBe('the file system is read-only (creating dist/x.html)');
    expect(what('EDQUOT', 'write')).toBe('the disk quota is used up (writing dist/x.html)');
    expect(describeSystemFault({ code: 'ENOSPC', file: '/elsewhere/x' }, ROOT).what).toBe('the disk is full (writing /elsewhere/x)');
    expect(describeSystemFault({ code: 'ENOSPC', syscall: 'write' }, ROOT).what).toBe('the disk is full (writing in /site)');
  });

  it('are found inside the errors that wrap them and in the words of tools that are not Node', () => {
    const wrapped = new Error('An unhandled error occurred', { cause: fsError('EMFILE', 'open', '/site/a') });
    expect(findSystemFault(wrapped)).toMatchObject({ code: 'EMFILE', file: '/site/a' });
    expect(findSystemFault(new AggregateError([new Error('x'), fsError('EACCES', 'open', '/site/b')]))).toMatchObject({ code: 'EACCES' });
    expect(findSystemFault(new Error('Pagefind could not write its index: No space left on device (os error 28)'))).toMatchObject({
      code: 'ENOSPC',
    });
    // A worker's error arrives as text.
    expect(findSystemFault(new Error("ENOSPC: no space left on device, open '/site/.cache/x.json.1.tmp'"))).toEqual({
      code: 'ENOSPC',
      syscall: 'open',
      file: '/site/.cache/x.json.1.tmp',
    });
  });

  it('leave other errors to be reported as they are', () => {
    expect(findSystemFault(new Error('src/content/blog/x.md: title is missing'))).toBeNull();
    expect(findSystemFault(Object.assign(new Error('gone'), { code: 'ENOENT' }))).toBeNull();
    expect(findSystemFault('ENOSPC')).toBeNull();
  });
});

describe('the dev server', () => {
  function devRequest(error: unknown) {
    const logged: string[] = [];
    const response = { statusCode: 200, headers: {} as Record<string, string>, body: '' };
    const res = {
      set statusCode(code: number) {
        response.statusCode = code;
      },
      setHeader: (name: string, value: string) => (response.headers[name] = value),
      end: (body: string) => (response.body = body),
    };
    let passedOn: unknown;
    devFailure({
      root: ROOT,
      url: '/_img/hero-800.webp',
      logger: { error: (line: string) => logged.push(line) } as never,
      res: res as never,
      next: (e) => (passedOn = e),
    })(error);
    return { logged, response, passedOn };
  }

  it('answers a full disk with the same line, in its terminal and as the response', () => {
    const { logged, response, passedOn } = devRequest(fsError('ENOSPC', 'write', '/site/node_modules/.astro/blog-images/hero-800.webp'));
    const line =
      'The dev server could not make /_img/hero-800.webp: the disk is full (writing node_modules/.astro/blog-images/hero-800.webp). Your posts are unchanged; free some space and reload the page.';
    expect(logged).toEqual([`✗ ${line}`]);
    expect(response).toMatchObject({ statusCode: 500, body: `${line}\n` });
    expect(passedOn).toBeUndefined();
  });

  it('leaves other errors to its error page', () => {
    const error = new Error('sharp could not decode');
    const { logged, passedOn } = devRequest(error);
    expect(logged).toEqual([]);
    expect(passedOn).toBe(error);
  });
});
