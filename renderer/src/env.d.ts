// Vite imports the stylesheet; TypeScript only needs to know CSS modules exist.
declare module '*.css';
