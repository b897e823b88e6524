// XEP-0004 data forms: building submit forms and reading field values.

import { x } from './xml.js';
import type { XmlElement } from './xml.js';
import { NS } from './namespaces.js';

export function submitForm(formType: string, fields: Record<string, string | string[] | undefined>): XmlElement {
  const form = x('x', { xmlns: NS.DATA, type: 'submit' }, x('field', { var: 'FORM_TYPE', type: 'hidden' }, x('value', {}, formType)));
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    form.append(x('field', { var: name }, ...values.map((v) => x('value', {}, v))));
  }
  return form;
}

export function formValue(form: XmlElement | undefined, name: string): string | undefined {
  return form?.childrenNamed('field').find((f) => f.attrs.var === name)?.childText('value');
}
