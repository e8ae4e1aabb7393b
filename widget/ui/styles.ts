// Styles live inside the shadow root: the site's CSS cannot reach in, and ours cannot leak out.
// `:host { all: initial }` also stops inherited site styles (fonts, colours, line height).
export const css = `
:host{all:initial;--lc:#4945ff;--lc-text:#fff;--lc-bg:#fff;--lc-fg:#1f1f29;--lc-muted:#666687;--lc-line:#dcdce4;--lc-soft:#f6f6f9;
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--lc-fg)}
*{box-sizing:border-box}
p,h3{margin:0}
h3{font-size:15px}
button,input,textarea{font:inherit;color:inherit}
button{cursor:pointer}
:focus-visible{outline:3px solid var(--lc);outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.launcher{position:fixed;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:var(--lc);color:var(--lc-text);
box-shadow:0 4px 16px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;z-index:2147483000}
.right{right:20px}.left{left:20px}
.launcher svg{width:28px;height:28px;fill:currentColor}
.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;border-radius:10px;background:#d02b20;color:#fff;font-size:12px;
display:flex;align-items:center;justify-content:center;padding:0 5px}
.msg.nudge{position:fixed;bottom:88px;width:280px;max-width:calc(100vw - 40px);box-shadow:0 4px 16px rgba(0,0,0,.2);background:var(--lc-bg);
z-index:2147483000;padding-right:36px}
.nudge .icon{position:absolute;top:4px;right:4px;color:var(--lc-muted)}
.nudge-text{display:block;background:none;border:0;padding:0;text-align:left;white-space:pre-wrap;overflow-wrap:anywhere}
.panel{position:fixed;bottom:88px;width:370px;height:min(600px,calc(100vh - 108px));background:var(--lc-bg);border-radius:12px;
box-shadow:0 8px 32px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden;z-index:2147483001}
header{background:var(--lc);color:var(--lc-text);padding:12px 12px 10px 16px;display:flex;align-items:center;gap:8px}
header h2{font-size:16px;margin:0;flex:1;min-width:0}
header .status{display:block;font-size:12px;font-weight:400;opacity:.9}
.icon{background:transparent;border:0;color:inherit;width:32px;height:32px;border-radius:6px;display:flex;align-items:center;justify-content:center}
.icon:hover{background:rgba(255,255,255,.15)}
.icon svg{width:18px;height:18px;fill:currentColor}
.menu{position:absolute;top:52px;right:8px;background:var(--lc-bg);border:1px solid var(--lc-line);border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.15);
display:flex;flex-direction:column;padding:4px;z-index:2}
.menu button{background:none;border:0;text-align:left;padding:8px 12px;border-radius:6px}
.menu button:hover{background:var(--lc-soft)}
.banner{padding:8px 16px;background:#fdf4dc;color:#6a4a00;font-size:13px}
.body,.log{display:flex;flex-direction:column;gap:8px}
.body{flex:1;overflow-y:auto;padding:16px}
.msg{max-width:85%;padding:8px 12px;border-radius:12px;background:var(--lc-soft);white-space:pre-wrap;overflow-wrap:anywhere}
.msg.visitor{align-self:flex-end;background:var(--lc);color:var(--lc-text)}
.msg.system{align-self:center;background:none;color:var(--lc-muted);font-size:13px;text-align:center}
.msg .who{display:flex;align-items:center;gap:6px;font-size:12px;font-weight:600;margin-bottom:2px}
.msg .who time{font-weight:400;opacity:.75;margin-left:auto;padding-left:8px}
.avatar{width:22px;height:22px;border-radius:50%;background:var(--lc);color:var(--lc-text);font-size:10px;font-weight:700;
display:inline-flex;align-items:center;justify-content:center;flex:none}
.avatar.bot{background:var(--lc-line);color:var(--lc-fg)}
.msg.agent{background:var(--lc-bg);border:1px solid var(--lc-line);border-left:3px solid var(--lc)}
.msg .receipt{text-align:right}
.msg.pending{opacity:.7}
.msg .note{display:block;font-size:12px;opacity:.85;margin-top:4px}
.msg.failed .note{color:#d02b20;opacity:1}
.msg.visitor.failed .note{color:#fff;font-weight:600}
.msg a{color:inherit}
.sources{font-size:12px;margin-top:6px;display:flex;flex-wrap:wrap;gap:4px 8px}
.helpful{display:flex;align-items:center;gap:6px;font-size:12px;margin-top:6px}
.helpful button{background:var(--lc-bg);border:1px solid var(--lc-line);border-radius:6px;min-width:32px;min-height:28px}
.helpful button[aria-pressed=true]{border:2px solid var(--lc)}
.chip{align-self:flex-start;border:1px solid var(--lc);color:var(--lc);background:var(--lc-bg);border-radius:16px;padding:6px 12px}
.chip.prominent{align-self:stretch;background:var(--lc);color:var(--lc-text);font-weight:600;padding:10px 12px}
.typing{font-size:12px;color:var(--lc-muted);min-height:18px;padding:0 16px}
.composer{display:flex;flex-direction:row;gap:6px;padding:8px;border-top:1px solid var(--lc-line);align-items:flex-end}
.composer textarea{flex:1;resize:none;border:1px solid var(--lc-line);border-radius:8px;padding:8px;max-height:120px;min-height:38px}
.composer .icon{color:var(--lc-muted)}
.primary{background:var(--lc);color:var(--lc-text);border:0;border-radius:8px;padding:8px 14px}
.primary:disabled{opacity:.5;cursor:default}
form{display:flex;flex-direction:column;gap:10px}
label{display:flex;flex-direction:column;gap:4px;font-size:13px}
input,form textarea{border:1px solid var(--lc-line);border-radius:8px;padding:8px}
.error{color:#d02b20;font-size:13px}
.stars{display:flex;gap:4px;border:0;padding:0;margin:0}
.stars button{background:none;border:1px solid var(--lc-line);border-radius:6px;width:40px;height:40px;font-size:20px}
.stars button[aria-pressed=true]{background:var(--lc);color:var(--lc-text);border-color:var(--lc)}
.history{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:6px}
.history button{width:100%;text-align:left;background:var(--lc-soft);border:0;border-radius:8px;padding:10px 12px}
.history small{display:block;color:var(--lc-muted)}
@media (max-width:480px){.panel{inset:0;width:100%;height:100%;border-radius:0;bottom:0}}
@media (prefers-reduced-motion:no-preference){.panel{animation:lc-in .15s ease-out}}
@keyframes lc-in{from{opacity:0;transform:translateY(8px)}}
`;
