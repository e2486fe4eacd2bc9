import type { CategoryAttribute } from '@citygrid/core';

/**
 * Inputs for a category's required attributes (the server refuses the report without them).
 * @example renderAttributes(div, category.attributes, 'zh-CN')
 */
export function renderAttributes(root: HTMLElement, attributes: readonly CategoryAttribute[], lang: 'zh-CN' | 'en'): void {
  root.replaceChildren(
    ...attributes
      .filter((a) => a.required)
      .map((a) => {
        const label = document.createElement('label');
        const name = lang === 'en' && a.en ? a.en : a.name;
        label.append(`${name}${a.unit ? ` (${a.unit})` : ''} *`);
        let input: HTMLInputElement | HTMLSelectElement;
        if (a.type === 'enum' || a.type === 'boolean') {
          input = document.createElement('select');
          const options = a.type === 'boolean' ? ['true', 'false'] : (a.options ?? []);
          input.append(new Option('', ''), ...options.map((o) => new Option(a.type === 'boolean' ? (o === 'true' ? '是' : '否') : o, o)));
        } else {
          input = document.createElement('input');
          input.type = a.type === 'string' ? 'text' : 'number';
          input.inputMode = a.type === 'integer' ? 'numeric' : a.type === 'number' ? 'decimal' : 'text';
          if (a.min !== undefined) input.min = String(a.min);
          if (a.max !== undefined) input.max = String(a.max);
        }
        input.dataset.key = a.key;
        input.dataset.type = a.type;
        input.dataset.testid = `m-attr-${a.key}`;
        input.setAttribute('data-testid', `m-attr-${a.key}`);
        label.append(input);
        return label;
      }),
  );
}

/**
 * The attribute values typed in, by key, converted to their types; `missing` names the empty ones.
 * @example readAttributes(div) // { values: { area_m2: 12.5 }, missing: [] }
 */
export function readAttributes(root: HTMLElement): { values: Record<string, string | number | boolean>; missing: string[] } {
  const values: Record<string, string | number | boolean> = {};
  const missing: string[] = [];
  for (const input of root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-key]')) {
    const key = input.dataset.key!;
    const text = input.value.trim();
    if (!text) {
      missing.push(input.parentElement?.firstChild?.textContent ?? key);
      continue;
    }
    const type = input.dataset.type;
    values[key] = type === 'number' || type === 'integer' ? Number(text) : type === 'boolean' ? text === 'true' : text;
  }
  return { values, missing };
}
