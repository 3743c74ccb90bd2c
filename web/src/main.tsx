import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n/i18n';
import { chooseLanguage, storedChoices } from './i18n/language-choice';
import { App } from './app/app';
import './styles/app.css';

initI18n(chooseLanguage(storedChoices()));

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
