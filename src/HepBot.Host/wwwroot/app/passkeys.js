// Passkeys in the web app: the browser's half of WebAuthn (navigator.credentials), served by HepBot itself
// (the CSP allows no inline script). A <hepbot-passkey> element wraps one form. On submit it asks the
// server for options (posting the form's anti-forgery token), lets the browser create or use a passkey,
// puts the result in the form's hidden "…CredentialJson" field, or the error's name in "…Failure", and
// posts the form. Every sentence the therapist reads comes from the server, in their language.
(() => {
    const supported = typeof window.PublicKeyCredential === 'function' &&
        typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
        typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function' &&
        typeof navigator.credentials !== 'undefined';

    async function fetchOptions(url, form) {
        const token = form.querySelector('input[name="__RequestVerificationToken"]');
        const body = new FormData();
        if (token) {
            body.append(token.name, token.value);
        }
        const response = await fetch(url, { method: 'POST', body, credentials: 'same-origin' });
        if (!response.ok) {
            const error = new Error(`HTTP ${response.status}`);
            error.name = 'ServerRefused';
            throw error;
        }
        return await response.json();
    }

    async function obtain(operation, url, form) {
        if (!supported) {
            const error = new Error('no WebAuthn');
            error.name = 'Unsupported';
            throw error;
        }
        const json = await fetchOptions(url, form);
        if (operation === 'create') {
            return await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) });
        }
        return await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) });
    }

    class HepBotPasskey extends HTMLElement {
        connectedCallback() {
            const form = this.querySelector('form');
            if (!form || form.dataset.passkeyReady) {
                return;
            }
            form.dataset.passkeyReady = 'true';
            const operation = this.getAttribute('operation');
            const url = this.getAttribute('options');
            form.addEventListener('submit', async (event) => {
                event.preventDefault();
                if (!form.reportValidity()) {
                    return;
                }
                const credentialField = form.querySelector('input[name$="CredentialJson"]');
                const failureField = form.querySelector('input[name$="Failure"]');
                const button = form.querySelector('button[type="submit"]');
                if (button) {
                    button.disabled = true;
                }
                try {
                    const credential = await obtain(operation, url, form);
                    credentialField.value = JSON.stringify(credential);
                    failureField.value = '';
                } catch (error) {
                    credentialField.value = '';
                    failureField.value = error && error.name ? error.name : 'Error';
                }
                form.submit();
            });
        }
    }

    if (!customElements.get('hepbot-passkey')) {
        customElements.define('hepbot-passkey', HepBotPasskey);
    }
})();
