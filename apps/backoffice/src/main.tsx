// Entry of the operators' back office, served under /backoffice/ (Vite's base, also the router's basename).
import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
// The shared lib brings the fonts and its components' styles (after Bootstrap Italia, before this UI's own CSS).
import { SessionProvider } from '@profila/ui';
import './backoffice.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './app';

const container = document.getElementById('root');
if (!container) throw new Error('Elemento #root mancante in index.html');

createRoot(container).render(
  <StrictMode>
    <BrowserRouter basename={import.meta.env.BASE_URL}>
      <SessionProvider>
        <App />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
