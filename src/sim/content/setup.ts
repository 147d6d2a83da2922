/**
 * Minimal configurations per product and mode, after MODES.md. They show the shape of a real setup, with the
 * lab's addresses and names; they are teaching material, not production configurations.
 */
import type { Mode } from '../scenarios/types';

export interface SetupExample {
  product: string;
  snippet: string;
  note: string;
}

const HAPROXY_PASSTHROUGH = `frontend fe443
  mode tcp
  bind :443
  tcp-request inspect-delay 5s
  tcp-request content accept if { req.ssl_hello_type 1 }
  use_backend be_shop if { req.ssl_sni -i shop.example.com }

backend be_shop
  mode tcp
  balance source
  server s1 10.0.1.11:443 send-proxy-v2 check
  server s2 10.0.1.12:443 send-proxy-v2 check
  server s3 10.0.1.13:443 send-proxy-v2 check`;

const NGINX_PASSTHROUGH = `stream {
  map $ssl_preread_server_name $upstream_by_sni {
    shop.example.com  shop_tls;
    default           shop_tls;
  }
  upstream shop_tls {
    hash $remote_addr consistent;
    server 10.0.1.11:443;
    server 10.0.1.12:443;
    server 10.0.1.13:443;
  }
  server {
    listen 443;
    ssl_preread on;
    proxy_pass $upstream_by_sni;
    proxy_protocol on;
  }
}`;

const INGRESS_PASSTHROUGH = `# controller started with --enable-ssl-passthrough
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/ssl-passthrough: "true"
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: shop
            port:
              number: 443`;

const AWS_PASSTHROUGH = `aws elbv2 create-target-group --name shop-tcp --protocol TCP --port 443 \\
  --vpc-id vpc-0example --target-type instance
aws elbv2 modify-target-group-attributes --target-group-arn <tg-arn> --attributes \\
  Key=proxy_protocol_v2.enabled,Value=true \\
  Key=stickiness.enabled,Value=true Key=stickiness.type,Value=source_ip
aws elbv2 create-listener --load-balancer-arn <nlb-arn> --protocol TCP --port 443 \\
  --default-actions Type=forward,TargetGroupArn=<tg-arn>`;

const ENVOY_PASSTHROUGH = `listeners:
- name: tls_passthrough
  address: { socket_address: { address: 0.0.0.0, port_value: 443 } }
  listener_filters:
  - name: envoy.filters.listener.tls_inspector
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector
  filter_chains:
  - filter_chain_match: { server_names: ["shop.example.com"] }
    filters:
    - name: envoy.filters.network.tcp_proxy
      typed_config:
        "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy
        stat_prefix: shop
        cluster: shop_tls`;

const TRAEFIK_PASSTHROUGH = `apiVersion: traefik.io/v1alpha1
kind: IngressRouteTCP
metadata:
  name: shop
spec:
  entryPoints: [websecure]
  routes:
  - match: HostSNI(\`shop.example.com\`)
    services:
    - name: shop
      port: 443
  tls:
    passthrough: true`;

const CHECKLIST_PASSTHROUGH = `1. Install the site certificate and private key on every backend, not on the load balancer.
2. Enable TLS on each backend server (nginx, Apache, the application) on port 443.
3. Make the load balancer accept TCP on 443 and forward it without decrypting.
4. Allow 443 from the load balancer to the backends in every firewall and security group.
5. Decide how backends learn the client address (PROXY protocol on both sides, or an IP-preserving balancer).
6. Open port 80 only to redirect to https, and let the backends send that redirect.`;

const HAPROXY_OFFLOAD = `frontend fe443
  mode http
  bind :443 ssl crt /etc/haproxy/site.pem
  option forwardfor
  http-request set-header X-Forwarded-Proto https
  default_backend be_shop

backend be_shop
  mode http
  balance roundrobin
  cookie SERVERID insert indirect nocache
  server s1 10.0.1.11:80 cookie s1 check
  server s2 10.0.1.12:80 cookie s2 check
  server s3 10.0.1.13:80 cookie s3 check`;

const NGINX_OFFLOAD = `http {
  upstream app {
    server 10.0.1.11:80;
    server 10.0.1.12:80;
    server 10.0.1.13:80;
  }
  server {
    listen 443 ssl;
    server_name shop.example.com;
    ssl_certificate     /etc/nginx/site.crt;
    ssl_certificate_key /etc/nginx/site.key;
    location / {
      proxy_pass http://app;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}`;

const INGRESS_OFFLOAD = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/affinity: "cookie"
spec:
  ingressClassName: nginx
  tls:
  - hosts: [shop.example.com]
    secretName: shop-tls
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: shop
            port:
              number: 80`;

const AWS_OFFLOAD = `aws elbv2 create-target-group --name shop-http --protocol HTTP --port 80 \\
  --vpc-id vpc-0example --target-type instance
aws elbv2 modify-target-group-attributes --target-group-arn <tg-arn> --attributes \\
  Key=stickiness.enabled,Value=true Key=stickiness.type,Value=lb_cookie
aws elbv2 create-listener --load-balancer-arn <alb-arn> --protocol HTTPS --port 443 \\
  --certificates CertificateArn=<acm-cert-arn> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06 \\
  --default-actions Type=forward,TargetGroupArn=<tg-arn>
aws wafv2 associate-web-acl --web-acl-arn <web-acl-arn> --resource-arn <alb-arn>`;

const ENVOY_OFFLOAD = `filter_chains:
- transport_socket:
    name: envoy.transport_sockets.tls
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext
      common_tls_context:
        tls_certificates:
        - certificate_chain: { filename: /etc/envoy/site.crt }
          private_key: { filename: /etc/envoy/site.key }
  filters:
  - name: envoy.filters.network.http_connection_manager
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
      stat_prefix: shop
      use_remote_address: true
      route_config:
        virtual_hosts:
        - name: shop
          domains: ["shop.example.com"]
          routes:
          - match: { prefix: "/" }
            route: { cluster: shop_http }`;

const HAPROXY_BRIDGE = `frontend fe443
  mode http
  bind :443 ssl crt /etc/haproxy/site.pem
  option forwardfor
  default_backend be_shop

backend be_shop
  mode http
  balance roundrobin
  cookie SERVERID insert indirect nocache
  server s1 10.0.1.11:443 ssl verify required ca-file /etc/haproxy/internal-ca.pem sni req.hdr(host) cookie s1
  server s2 10.0.1.12:443 ssl verify required ca-file /etc/haproxy/internal-ca.pem sni req.hdr(host) cookie s2
  server s3 10.0.1.13:443 ssl verify required ca-file /etc/haproxy/internal-ca.pem sni req.hdr(host) cookie s3`;

const NGINX_BRIDGE = `location / {
  proxy_pass https://app;
  proxy_ssl_verify on;
  proxy_ssl_trusted_certificate /etc/nginx/internal-ca.pem;
  proxy_ssl_server_name on;
  proxy_ssl_name shop.internal;
  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
}`;

const INGRESS_BRIDGE = `metadata:
  annotations:
    nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"
    nginx.ingress.kubernetes.io/proxy-ssl-verify: "on"
    nginx.ingress.kubernetes.io/proxy-ssl-secret: "shop/internal-ca"
    nginx.ingress.kubernetes.io/affinity: "cookie"`;

const AWS_BRIDGE = `aws elbv2 create-target-group --name shop-https --protocol HTTPS --port 443 \\
  --vpc-id vpc-0example --target-type instance
aws elbv2 create-listener --load-balancer-arn <alb-arn> --protocol HTTPS --port 443 \\
  --certificates CertificateArn=<acm-cert-arn> \\
  --default-actions Type=forward,TargetGroupArn=<tg-arn>`;

const ENVOY_BRIDGE = `clusters:
- name: shop_tls
  transport_socket:
    name: envoy.transport_sockets.tls
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext
      sni: shop.internal
      common_tls_context:
        validation_context:
          trusted_ca: { filename: /etc/envoy/internal-ca.pem }`;

export const SETUP: Readonly<Record<Mode, readonly SetupExample[]>> = {
  passthrough: [
    { product: 'HAProxy', snippet: HAPROXY_PASSTHROUGH, note: 'mode tcp: the frontend waits for a complete ClientHello (req.ssl_hello_type 1) and routes on req.ssl_sni. balance source is the only affinity available, and send-proxy-v2 passes the client address; each backend must then accept PROXY protocol (for nginx: listen 443 ssl proxy_protocol).' },
    { product: 'nginx', snippet: NGINX_PASSTHROUGH, note: 'The stream module with ssl_preread reads the SNI without decrypting. Backends that receive proxy_protocol need listen ... proxy_protocol and set_real_ip_from the LB address, or their logs show only the LB.' },
    { product: 'Kubernetes ingress-nginx', snippet: INGRESS_PASSTHROUGH, note: 'Needs the controller flag --enable-ssl-passthrough. With the annotation set, routing is by host (SNI) only: path rules, the tls section and other annotations no longer apply. The certificate and key go into a Secret mounted by the backend pods, which terminate TLS themselves on port 443.' },
    { product: 'AWS', snippet: AWS_PASSTHROUGH, note: 'A Network Load Balancer with a TCP listener passes TLS through. Client IP reaches the targets through preserve_client_ip or PROXY protocol v2, stickiness can only be source_ip, and AWS WAF cannot be attached to an NLB.' },
    { product: 'Envoy', snippet: ENVOY_PASSTHROUGH, note: 'The tls_inspector listener filter reads the SNI, filter_chain_match.server_names picks the chain, and tcp_proxy copies bytes to a cluster of backends on port 443.' },
    { product: 'Any load balancer: checklist', snippet: CHECKLIST_PASSTHROUGH, note: 'The steps every passthrough setup shares, whatever the product. A mistake in any of them shows up as a failed handshake, a reset, or backends that see every visitor as the load balancer.' },
    { product: 'Traefik', snippet: TRAEFIK_PASSTHROUGH, note: 'An IngressRouteTCP matched on HostSNI with tls.passthrough: true forwards the TLS stream untouched.' },
  ],
  offload: [
    { product: 'HAProxy', snippet: HAPROXY_OFFLOAD, note: 'mode http with ssl crt on the bind line terminates TLS with the site key. option forwardfor and cookie SERVERID exist only in mode http; the backends listen on plain port 80.' },
    { product: 'nginx', snippet: NGINX_OFFLOAD, note: 'listen 443 ssl with the site certificate and key, then proxy_pass to plain http. Open-source nginx has no cookie-insert stickiness (that is NGINX Plus sticky cookie); use ip_hash or hash on a cookie instead.' },
    { product: 'Kubernetes ingress-nginx', snippet: INGRESS_OFFLOAD, note: 'The tls section names a kubernetes.io/tls Secret with the site certificate and key, which the controller terminates. affinity: cookie sets the INGRESSCOOKIE cookie; X-Forwarded-For is added by default.' },
    { product: 'AWS', snippet: AWS_OFFLOAD, note: 'An Application Load Balancer with an HTTPS listener and an ACM certificate terminates TLS, adds X-Forwarded-For, offers the AWSALB stickiness cookie (lb_cookie) and can carry an AWS WAF web ACL.' },
    { product: 'Envoy', snippet: ENVOY_OFFLOAD, note: 'A DownstreamTlsContext on the listener terminates TLS and the http_connection_manager routes each request; use_remote_address: true makes Envoy append the real client address to X-Forwarded-For.' },
  ],
  bridge: [
    { product: 'HAProxy', snippet: HAPROXY_BRIDGE, note: 'The same frontend as offloading; ssl verify required with an internal CA file on each server line re-encrypts to port 443 and refuses a backend whose certificate does not chain to that CA.' },
    { product: 'nginx', snippet: NGINX_BRIDGE, note: 'proxy_pass https re-encrypts. proxy_ssl_verify is off by default: without it the second leg is encrypted but not authenticated, and anything answering on the backend address is accepted.' },
    { product: 'Kubernetes ingress-nginx', snippet: INGRESS_BRIDGE, note: 'backend-protocol: HTTPS makes the controller re-encrypt to the pods; proxy-ssl-verify with proxy-ssl-secret (a Secret holding ca.crt) makes it check the pod certificates.' },
    { product: 'AWS', snippet: AWS_BRIDGE, note: 'An ALB HTTPS listener in front of an HTTPS target group re-encrypts to the targets, but the ALB does not validate the target certificates: the second leg is encrypted, not authenticated.' },
    { product: 'Envoy', snippet: ENVOY_BRIDGE, note: 'An UpstreamTlsContext on the cluster re-encrypts; sni sets the name sent to the backend and validation_context.trusted_ca makes Envoy verify the backend certificate.' },
  ],
};
