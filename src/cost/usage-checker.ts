/**
 * The checker behind usage validation: collects every problem as `path: what is wrong`, so a usage file is fixed in
 * one pass (k6's "report every problem at once").
 */
export type Obj = Record<string, unknown>;
export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface NumberRule {
  required?: boolean;
  min?: number;
  max?: number;
}

export class Checker {
  readonly problems: string[] = [];

  object(value: unknown, path: string, keys: readonly string[]): Obj | undefined {
    if (!isObject(value)) {
      this.problems.push(`${path}: expected an object`);
      return undefined;
    }
    for (const key of Object.keys(value)) if (!keys.includes(key)) this.problems.push(`${path}.${key}: unknown key (expected one of ${keys.join(', ')})`);
    return value;
  }

  number(obj: Obj, key: string, path: string, rule: NumberRule = {}): void {
    const value = obj[key];
    if (value === undefined) {
      if (rule.required) this.problems.push(`${path}.${key}: required`);
      return;
    }
    const min = rule.min ?? 0;
    if (typeof value !== 'number' || !Number.isFinite(value)) this.problems.push(`${path}.${key}: expected a number, got ${JSON.stringify(value)}`);
    else if (value < min || (rule.max !== undefined && value > rule.max)) {
      this.problems.push(`${path}.${key}: ${value} is outside ${min}–${rule.max ?? '∞'}`);
    }
  }

  oneOf(obj: Obj, key: string, path: string, allowed: readonly unknown[], required = false): void {
    const value = obj[key];
    if (value === undefined ? required : !allowed.includes(value)) {
      const names = allowed.filter((a) => a !== undefined).map((a) => JSON.stringify(a));
      this.problems.push(`${path}.${key}: expected one of ${names.join(', ')}, got ${JSON.stringify(value)}`);
    }
  }

  /** An array whose items are each checked at `path[i]`. */
  array(value: unknown, path: string, each: (item: unknown, itemPath: string) => void): void {
    if (!Array.isArray(value)) this.problems.push(`${path}: expected an array`);
    else value.forEach((item, i) => each(item, `${path}[${i}]`));
  }

  /** An optional string. */
  string(obj: Obj, key: string, path: string): void {
    if (obj[key] !== undefined && typeof obj[key] !== 'string') this.problems.push(`${path}.${key}: expected a string, got ${JSON.stringify(obj[key])}`);
  }
}
