// esbuild emits imported style sheets next to the page bundle (main.css).
declare module '*.css';
