import lunr from 'lunr';
import multi from 'lunr-languages/lunr.multi.js';
import ru from 'lunr-languages/lunr.ru.js';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';

type MultiLunr = typeof lunr & { multiLanguage(...languages: string[]): lunr.Builder.Plugin };

let plugin: lunr.Builder.Plugin | undefined;

/**
 * Registers lunr-languages once. `multiLanguage('en', 'ru')` keeps both alphabets (stock lunr strips
 * Cyrillic; `lunr.ru` alone strips Latin) and must run before `lunr.Index.load`, which looks its
 * pipeline functions up by name.
 */
export function bilingualPlugin(): lunr.Builder.Plugin {
  if (!plugin) {
    stemmerSupport(lunr);
    ru(lunr);
    multi(lunr);
    plugin = (lunr as MultiLunr).multiLanguage('en', 'ru');
  }
  return plugin;
}

export { lunr };
