/** FunctionName forms of API_Invoke. */
import { describe, expect, it } from 'vitest';
import { parseFunctionIdentifier } from '../../../src/emulator/lambda/function-name.js';

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
