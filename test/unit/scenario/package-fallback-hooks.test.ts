/**
 * The ESM resolve hook behind scenario files anywhere: it only answers for exactly `lambdaload` and
 * `lambdaload/wrapper`, and only when normal resolution finds no package.
 */
import { describe, expect, it } from 'vitest';
import { initialize, resolve } from '../../../src/scenario/package-fallback-hooks.js';

const targets = { lambdaload: 'file:///pkg/dist/index.js', 'lambdaload/wrapper': 'file:///pkg/dist/wrapper/index.js' };
const context = { conditions: ['node', 'import'], importAttributes: {}, importAssertions: {}, parentURL: 'file:///tmp/x/scenario.ts' };

function failing(code: string) {
  return async (specifier: string) => {
    throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code });
  };
}

describe('package fallback resolve hook', () => {
  initialize({ targets });

  it('resolves a missing `lambdaload` and `lambdaload/wrapper` to the running package', async () => {
    expect(await resolve('lambdaload', context, failing('ERR_MODULE_NOT_FOUND'))).toEqual({ url: targets.lambdaload, format: 'module', shortCircuit: true });
    expect(await resolve('lambdaload/wrapper', context, failing('ERR_MODULE_NOT_FOUND'))).toMatchObject({ url: targets['lambdaload/wrapper'] });
  });

  it('keeps what normal resolution finds (a project that installs its own lambdaload)', async () => {
    const own = { url: 'file:///tmp/x/node_modules/lambdaload/dist/index.js', format: 'module' as const };
    expect(await resolve('lambdaload', context, async () => own)).toBe(own);
  });

  it('leaves other specifiers and other failures alone', async () => {
    await expect(resolve('lambdaload/dist/index.js', context, failing('ERR_MODULE_NOT_FOUND'))).rejects.toMatchObject({ code: 'ERR_MODULE_NOT_FOUND' });
    await expect(resolve('lodash', context, failing('ERR_MODULE_NOT_FOUND'))).rejects.toMatchObject({ code: 'ERR_MODULE_NOT_FOUND' });
    await expect(resolve('lambdaload', context, failing('ERR_PACKAGE_PATH_NOT_EXPORTED'))).rejects.toMatchObject({ code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
  });
});
