/** Documents the browser suites create through the API before they start. */

/** Two matters whose 文化程度 options do not overlap, so the bundle has a field conflict to resolve. */
export const conflicting = [
  {
    code: 'JSRS-JY-0901',
    name: '青年就业见习补贴申领',
    options: [
      { value: 'bachelor', label: '大学本科' },
      { value: 'master', label: '硕士研究生' },
    ],
  },
  {
    code: 'JSRS-JY-0902',
    name: '职业技能提升补贴申领',
    options: [
      { value: 'college', label: '大学专科' },
      { value: 'secondary', label: '中等职业教育' },
    ],
  },
].map((m) => ({
  code: m.code,
  name: m.name,
  kind: '05',
  target: 'individual',
  department: '公共就业服务机构',
  legalDays: 20,
  promisedDays: 10,
  visits: 0,
  fields: [
    { ref: 'person.name', required: true },
    { ref: 'person.idNumber', required: true },
    { ref: 'contact.mobile', required: true },
    { ref: 'person.education', required: true, override: { options: m.options } },
    { ref: 'bank.accountNumber', required: true },
  ],
  materials: [
    { ref: 'idCard', necessity: 'required', form: 'either', copies: 1, eLicense: true },
    { ref: 'trainingCert', necessity: 'required', form: 'either', copies: 1 },
  ],
}));
