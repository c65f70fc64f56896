import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Build the DOM with createElement instead of parsing HTML template
    // strings through innerHTML: nothing is ever parsed as HTML at run time.
    fragments: 'tree',
  },
};
