// English for the onboarding checklist on the import desk (merged into ../en.ts).
export default {
  onboarding: {
    title: 'Setting up a district',
    next: 'next',
    done: '{count} loaded',
    empty: 'not loaded',
    optional: 'optional',
    synthetic: 'synthetic',
    steps: {
      district: 'District outline',
      street: 'Streets',
      community: 'Communities (outlines or committee points)',
      buildings: 'Buildings (footprints or points, floors, households)',
      grid: 'Grids (imported, or cut from buildings and roads)',
      special: 'Special grids',
      police: 'Police grids',
      roads: 'Roads and walking paths',
      water: 'Water',
      resources: 'Facilities and service resources',
      workers: 'Grid-worker roster',
      departments: 'Departments',
      responsibilities: 'Responsibility list (who handles each kind of case)',
      residents: 'Residents (matched by building id or address)',
    },
  },
};
