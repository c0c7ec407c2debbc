/** FunctionName forms of API_Invoke. */
import { describe, expect, it } from 'vitest';
import { parseFunctionIdentifier, resolveInvokeName } from '../../../src/emulator/lambda/function-name.js';

describe('parseFunctionIdentifier', () => {
  it.each([
    ['my-function', { name: 'my-function' }],
    ['my-function:v1', { name: 'my-function', qualifier: 'v1' }],
    ['my-function:$LATEST', { name: 'my-function', qualifier: '$LATEST' }],
    ['arn:aws:lambda:us-west-2:123456789012:function:my-function', { name: 'my-function' }],
    ['arn:aws:lambda:us-west-2:123456789012:function:my-function:7', { name: 'my-function', qualifier: '7' }],
    ['123456789012:function:my-function', { name: 'my-function' }],
    ['123456789012:function:my-function:live', { name: 'my-function', qualifier: 'live' }],
  ])('%s', (identifier, expected) => {
    expect(parseFunctionIdentifier(identifier)).toEqual(expected);
  });
});

describe('resolveInvokeName (the RIE path)', () => {
  it.each([
    ['hello', ['hello', 'other'], { name: 'hello' }],
    ['function', ['only'], { name: 'only' }],
    ['function', ['function', 'other'], { name: 'function' }],
    ['function', ['a', 'b'], { ambiguous: ['a', 'b'] }],
    ['nope', ['a', 'b'], { name: 'nope' }],
  ])('%s among %j → %j', (name, names, expected) => {
    expect(resolveInvokeName(name, names)).toEqual(expected);
  });
});
