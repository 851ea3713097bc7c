// Next 16.4.6 answers a notFound() under a root layout in a dynamic segment (app/[blog]) with an empty
// <html id="__next_error__"> that only its script fills (vercel/next.js#95613): without JavaScript, a
// blank page. `npm start`'s server (lib/cli/serve.mjs) drops such an answer before anything is sent and
// asks the blog's catch-all (app/[blog]/[...rest]) for the blog's 404 page under this request header,
// then sends that page with status 404. The server removes any copy of the header a client sends; where
// another server runs Next, a client that sends it only gets the 404 page with status 200 itself.
export const NOT_FOUND_PAGE_HEADER = "x-carnet-page-introuvable";
