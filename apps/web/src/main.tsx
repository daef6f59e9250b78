// Entry of the citizen and company portal: global styles first, then the routed app.
import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
import '@profila/ui/fonts.css';
import '@profila/ui/ui.css';
import './web.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './app';
import { SessionProvider } from '@profila/ui';

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
