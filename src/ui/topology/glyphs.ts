/** Small SVG path data shared by the topology's packets and link labels (centred on 0,0, about 10 units). */
export const LOCK_PATH = 'M-4 -1v-2.5a4 4 0 0 1 8 0V-1h1v7h-10v-7zm2 0h4v-2.5a2 2 0 0 0-4 0z';
export const UNLOCK_PATH = 'M-4 -1v-2.5a4 4 0 0 1 7.7-1.5l-1.8.7A2 2 0 0 0-2 -3.5V-1h7v7h-10v-7z';
export const KEY_PATH = 'M-4 -6a4 4 0 1 0 3 6.5h6v3h2.5v-3h2v-2.6h-10.5a4 4 0 0 0-3-3.9z';
