// Curation mutations are defined here.
export {};
