/**
 * Lambda results → HTTP responses: the example results in powertools-typescript/responses and aws-lambda-go,
 * and the behaviours captured on real API Gateway (SOURCES.md).
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mapResultV1 } from '../../../src/emulator/gateway/result-v1.js';
import { mapResultV2 } from '../../../src/emulator/gateway/result-v2.js';
import { header, loadFixture } from './helpers.js';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('1.0 results from the fixtures', () => {
  it.each(['rest', 'http'] as const)('%s: advanced_binary_res_json64.json decodes the base64 body', (type) => {
    const res = mapResultV1(json(loadFixture('powertools-typescript/responses/advanced_binary_res_json64.json')), type)!;
    expect(res.statusCode).toBe(200);
    expect(res.body.toString()).toBe('{"message":"Hello World"}');
    expect(header(res.headers, 'content-type')).toBe('application/json');
  });

  it('advanced_compress_res.json: multiValueHeaders become headers, the gzip body arrives as bytes', () => {
    const res = mapResultV1(json(loadFixture('powertools-typescript/responses/advanced_compress_res.json')), 'rest')!;
    expect(header(res.headers, 'content-encoding')).toBe('gzip');
    expect(header(res.headers, 'content-type')).toBe('application/json');
    expect(() => JSON.parse(gunzipSync(res.body).toString())).not.toThrow();
  });

  it('advanced_cors_simple.json: multi-value headers are sent as repeated header lines', () => {
    const res = mapResultV1(json(loadFixture('powertools-typescript/responses/advanced_cors_simple.json')), 'rest')!;
    expect(header(res.headers, 'access-control-allow-origin')).toBe('https://example.com');
    expect(header(res.headers, 'access-control-allow-methods')).toBe('DELETE\nGET\nHEAD\nPATCH\nPOST\nPUT');
    expect(res.body.toString()).toBe('{"todoId":"123","task":"Example task","completed":false}');
  });

  it('gettingStarted_extended_proxy_result.json: custom status 201 and custom headers', () => {
    const res = mapResultV1(json(loadFixture('powertools-typescript/responses/gettingStarted_extended_proxy_result.json')), 'rest')!;
    expect(res.statusCode).toBe(201);
    expect(header(res.headers, 'x-todo-id')).toBe('123');
    expect(res.body.toString()).toBe('{"id":"123","title":"Buy milk"}');
  });

  it('aws-lambda-go/apigw-response.json: text body without Content-Type gets REST default application/json', () => {
    const res = mapResultV1(json(loadFixture('aws-lambda-go/apigw-response.json')), 'rest')!;
    expect(res.statusCode).toBe(200);
    expect(res.body.toString()).toBe('Hello World');
    expect(header(res.headers, 'content-type')).toBe('application/json');
    // Headers and multiValueHeaders carry identical pairs: REST sends each once.
    expect(header(res.headers, 'accept-language')).toBe('en-US,en;q=0.8');
  });
});

describe('1.0 mapping rules', () => {
  it('default Content-Type: REST application/json, HTTP API 1.0 text/plain; charset=utf-8', () => {
    const result = json({ statusCode: 200, body: 'Hello, World!' });
    expect(header(mapResultV1(result, 'rest')!.headers, 'content-type')).toBe('application/json');
    expect(header(mapResultV1(result, 'http')!.headers, 'content-type')).toBe('text/plain; charset=utf-8');
  });

  it('merges headers and multiValueHeaders: REST multi values first, HTTP API 1.0 single value first', () => {
    const result = json({
      statusCode: 200,
      headers: { 'Combined-Header': 'single-value', 'X-Custom-Header': 'single-value' },
      multiValueHeaders: { 'X-Multi-Header': ['multi-value1', 'multi-value2'], 'Combined-Header': ['multi-value1', 'multi-value2'] },
      body: '{}',
    });
    const rest = mapResultV1(result, 'rest')!;
    expect(header(rest.headers, 'Combined-Header')).toBe('multi-value1\nmulti-value2\nsingle-value');
    const http = mapResultV1(result, 'http')!;
    expect(header(http.headers, 'Combined-Header')).toBe('single-value\nmulti-value1\nmulti-value2');
    expect(header(http.headers, 'X-Multi-Header')).toBe('multi-value1\nmulti-value2');
  });

  it('REST drops a headers value identical to a multiValueHeaders one; HTTP API 1.0 repeats it', () => {
    const result = json({ statusCode: 200, headers: { 'X-A': 'same' }, multiValueHeaders: { 'x-a': ['same'] } });
    expect(header(mapResultV1(result, 'rest')!.headers, 'x-a')).toBe('same');
    expect(header(mapResultV1(result, 'http')!.headers, 'x-a')).toBe('same\nsame');
  });

  it('REST remaps the headers it owns to x-amzn-Remapped-*', () => {
    const res = mapResultV1(json({ statusCode: 401, headers: { 'WWW-Authenticate': 'Bearer', Server: 'mine', Date: 'x', 'Content-Length': '999' }, body: 'no' }), 'rest')!;
    expect(header(res.headers, 'x-amzn-Remapped-WWW-Authenticate')).toBe('Bearer');
    expect(header(res.headers, 'x-amzn-Remapped-Server')).toBe('mine');
    expect(header(res.headers, 'x-amzn-Remapped-Date')).toBe('x');
    expect(header(res.headers, 'x-amzn-Remapped-Content-Length')).toBe('999');
    expect(header(res.headers, 'www-authenticate')).toBeUndefined();
    expect(header(res.headers, 'content-length')).toBeUndefined();
  });

  it.each([
    ['statusCode 0', { statusCode: 0, body: '{"key":"This body should be replaced"}' }],
    ['no statusCode', { body: 'x' }],
    ['statusCode 200.5', { statusCode: 200.5 }],
    ['object body', { statusCode: 200, body: { a: 1 } }],
    ['headers not an object', { statusCode: 200, headers: 'x' }],
    ['multiValueHeaders values not a list', { statusCode: 200, multiValueHeaders: { a: 'b' } }],
    ['a bare string', 'hello'],
    ['an array', [1, 2]],
  ])('malformed: %s', (_name, result) => {
    expect(mapResultV1(json(result), 'rest')).toBeUndefined();
    expect(mapResultV1(json(result), 'http')).toBeUndefined();
  });

  it('malformed: output that is not JSON', () => {
    expect(mapResultV1(Buffer.from('{"statusCode": 200,'), 'rest')).toBeUndefined();
  });

  it('accepts a statusCode written as a string and number/boolean header values', () => {
    const res = mapResultV1(json({ statusCode: '404', headers: { 'X-Count': 3, 'X-Ok': true } }), 'rest')!;
    expect(res.statusCode).toBe(404);
    expect(header(res.headers, 'x-count')).toBe('3');
    expect(header(res.headers, 'x-ok')).toBe('true');
    expect(res.body.length).toBe(0);
  });
});

describe('2.0 results (response inference)', () => {
  it('a string result is the body of a 200 application/json response (AWS doc example)', () => {
    const res = mapResultV2(json('Hello from Lambda!'))!;
    expect(res.statusCode).toBe(200);
    expect(res.body.toString()).toBe('Hello from Lambda!');
    expect(header(res.headers, 'content-type')).toBe('application/json');
  });

  it('an object without statusCode is returned as JSON, as the function serialised it', () => {
    const res = mapResultV2(Buffer.from('{ "message": "Hello from Lambda!" }'))!;
    expect(res.statusCode).toBe(200);
    expect(res.body.toString()).toBe('{ "message": "Hello from Lambda!" }');
    expect(header(res.headers, 'content-type')).toBe('application/json');
  });

  it.each([['true'], ['42'], ['null'], ['[1,2]'], ['{"name": "John Doe", "age":']])('%s is returned as the body of a 200', (payload) => {
    const res = mapResultV2(Buffer.from(payload))!;
    expect(res.statusCode).toBe(200);
    expect(res.body.toString()).toBe(payload);
  });

  it('an object with statusCode is mapped field by field; default text/plain; charset=utf-8', () => {
    const res = mapResultV2(json({ statusCode: 201, body: 'made', cookies: ['a=1; Path=/', 'b=2'], headers: { 'X-Id': '7' } }))!;
    expect(res.statusCode).toBe(201);
    expect(res.body.toString()).toBe('made');
    expect(header(res.headers, 'set-cookie')).toBe('a=1; Path=/\nb=2');
    expect(header(res.headers, 'x-id')).toBe('7');
    expect(header(res.headers, 'content-type')).toBe('text/plain; charset=utf-8');
  });

  it('decodes base64 bodies', () => {
    const res = mapResultV2(json({ statusCode: 200, body: 'AQID', isBase64Encoded: true, headers: { 'content-type': 'image/png' } }))!;
    expect([...res.body]).toEqual([1, 2, 3]);
    expect(header(res.headers, 'content-type')).toBe('image/png');
  });

  it.each([
    ['statusCode 200.5', { statusCode: 200.5 }],
    ['statusCode 0', { statusCode: 0 }],
    ['non-string body', { statusCode: 200, body: { a: 1 } }],
    ['cookies not a list', { statusCode: 200, cookies: 'a=1' }],
  ])('malformed structured result: %s', (_name, result) => {
    expect(mapResultV2(json(result))).toBeUndefined();
  });
});
