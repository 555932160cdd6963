// lunr-languages ships no types: each module is a plugin that extends the lunr namespace it is given.
declare module 'lunr-languages/lunr.stemmer.support.js' {
  const install: (lunr: unknown) => void;
  export default install;
}
declare module 'lunr-languages/lunr.ru.js' {
  const install: (lunr: unknown) => void;
  export default install;
}
declare module 'lunr-languages/lunr.multi.js' {
  const install: (lunr: unknown) => void;
  export default install;
}
