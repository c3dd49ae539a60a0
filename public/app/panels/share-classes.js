// The company's size as its share classes (DESIGN.md §6), one form of the market-cap and event-study panels.

/** @type {import('../form.js').Form} */
export const shareClassesForm = {
  value: 'shareClasses',
  label: 'Shares outstanding by class',
  fields: [
    {
      kind: 'list',
      key: 'shareClasses',
      legend: 'Share classes',
      itemLegend: 'Share class',
      min: 1,
      max: 100,
      blank: () => ({ name: '', shares: '' }),
      fields: [
        { kind: 'text', key: 'name', label: 'Name (optional)' },
        { kind: 'decimal', key: 'shares', label: 'Shares outstanding' },
        {
          kind: 'decimal',
          key: 'conversionRatio',
          label: 'Converts into how many priced shares',
          placeholder: '1',
          hint: 'Empty means 1.',
        },
      ],
    },
  ],
};
