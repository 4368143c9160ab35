/** Entry of the window bundle: the API comes from `window.trove` (the preload in the app, a test transport in e2e). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { TroveApi } from '../../electron/shared/api.ts';
import { createApi } from './api/client.ts';
import { App } from './App.tsx';

declare global {
  interface Window {
    readonly trove?: TroveApi;
  }
}

const root = document.getElementById('root');
const trove = window.trove;
if (!root) throw new Error('index.html has no #root');
if (!trove) {
  root.textContent = 'Trove cannot reach its engine (window.trove is missing).';
} else {
  createRoot(root).render(
    <StrictMode>
      <App api={createApi(trove)} pathOfDroppedFile={(file) => trove.pathOfDroppedFile(file)} />
    </StrictMode>,
  );
}
