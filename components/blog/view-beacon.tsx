// Reports the page view to /api/beacon once the page is really shown (not while a browser prerenders
// it), so that the page itself stays static and cached. Without JavaScript, the <noscript> pixel does
// it; its Referer names the page. The script is a constant: nothing from the blog goes into it.
const BEACON_SCRIPT = `(function(){function s(){var d=JSON.stringify({p:location.pathname,r:document.referrer});if(!(navigator.sendBeacon&&navigator.sendBeacon("/api/beacon",d))){fetch("/api/beacon",{method:"POST",body:d,keepalive:true})}}if(document.prerendering){document.addEventListener("prerenderingchange",s,{once:true})}else{s()}})();`;

export function ViewBeacon() {
  return (
    <>
      <script dangerouslySetInnerHTML={{ __html: BEACON_SCRIPT }} />
      <noscript>
        {/* A plain pixel on purpose: next/image would not load without JavaScript either way. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src="/api/beacon" alt="" width={1} height={1} referrerPolicy="same-origin" className="absolute h-px w-px" />
      </noscript>
    </>
  );
}
