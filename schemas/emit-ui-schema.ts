/**
 * Step 6b: the UI schema in JSON Forms' format: a group per section, a control per field,
 * SHOW rules tied to the selected matters, so a third-party JSON Forms renderer draws it.
 */
import type { FormSection, MergedField, UiElement } from './compiled-types.ts';

function showWhenAny(codes: readonly string[]): UiElement['rule'] {
  return {
    effect: 'SHOW',
    condition: {
      scope: '#/properties/matters',
      schema: codes.length === 1 ? { contains: { const: codes[0] } } : { contains: { enum: [...codes] } },
    },
  };
}

/** Emits the UI schema for the merged form. */
export function emitUiSchema(sections: readonly FormSection[], fields: readonly MergedField[]): UiElement {
  const elements: UiElement[] = [
    { type: 'Control', scope: '#/properties/scenario', label: '办事情形', options: { format: 'radio' } },
    { type: 'Control', scope: '#/properties/matters', label: '办理事项', options: { format: 'checkbox' } },
  ];
  for (const section of sections) {
    const own = fields.filter((f) => f.section === section.key);
    if (own.length === 0) continue;
    const sectionMatters = [...new Set(own.flatMap((f) => f.sources.map((s) => s.matter)))];
    const controls = own.map((f): UiElement => {
      const control: UiElement = { type: 'Control', scope: `#/properties/${section.key}/properties/${f.key}`, label: f.label };
      if (f.type === 'text') control.options = { multi: true };
      if (f.type === 'multi-enum') control.options = { format: 'checkbox' };
      const matters = f.sources.map((s) => s.matter);
      if (matters.length < sectionMatters.length) control.rule = showWhenAny(matters);
      return control;
    });
    elements.push({ type: 'Group', label: section.label, elements: controls, rule: showWhenAny(sectionMatters) });
  }
  return { type: 'VerticalLayout', elements };
}
