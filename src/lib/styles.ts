/** Shared class strings, so forms look alike without a component for every input. */
export const inputClass =
	'block w-full rounded border border-gray-300 px-3 py-2 text-base focus:border-brand focus:outline-none';
export const buttonClass =
	'inline-flex items-center justify-center rounded bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-50';
export const secondaryButtonClass =
	'inline-flex items-center justify-center rounded border border-gray-300 bg-white px-4 py-2 font-medium text-gray-800 hover:bg-gray-50';
export const linkClass = 'text-brand underline-offset-2 hover:underline';
export const cardClass = 'rounded-lg border border-gray-200 bg-white p-4 shadow-sm';
