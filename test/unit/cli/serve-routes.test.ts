import { describe, expect, it } from 'vitest';
import { formatInvokeRoutes } from '../../../src/cli/serve-command.js';

describe("serve's Invoke API lines", () => {
  it("lists the RIE's path with the one function it reaches", () => {
    expect(formatInvokeRoutes('http://127.0.0.1:3000', ['hello'])).toEqual([
      '  POST   http://127.0.0.1:3000/2015-03-31/functions/{name}/invocations  (Lambda Invoke API)',
      "  POST   http://127.0.0.1:3000/2015-03-31/functions/function/invocations  →  hello  (the RIE's path)",
    ]);
  });

  it('with several functions, says the RIE path needs one and to name a function', () => {
    const lines = formatInvokeRoutes('http://127.0.0.1:3000', ['caller', 'callee']);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('/2015-03-31/functions/function/invocations needs a single function: name one of caller, callee');
  });
});
