# One image for the API server and the workers (docker-compose.yml).
FROM debian:bookworm-slim
WORKDIR /app
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends ca-certificates nodejs npm python3 python3-venv \
    && rm -rf /var/lib/apt/lists/*
COPY scripts/install-system.sh scripts/install-ocr.sh scripts/
RUN scripts/install-system.sh && scripts/install-ocr.sh && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm install --no-save node@24
COPY . .
ENV PATH=/app/node_modules/.bin:$PATH
EXPOSE 3000
CMD ["node", "bin/sijill.js", "serve"]
