//! The embedder: a tokenizer and a BERT encoder loaded from one folder, run in batches of
//! texts of similar length so little is spent on padding.

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams, TruncationStrategy};

use crate::{normalised, EmbedError};

/// Texts run through the model together.
pub const BATCH: usize = 32;

/// Tokens per text when the folder does not say (BERT's position limit).
const FALLBACK_MAX_TOKENS: usize = 512;

/// A sentence-embedding model on the CPU. Loading reads the whole model (90 MB for
/// MiniLM); embedding is pure and can be shared between threads.
pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    dim: usize,
    max_tokens: usize,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("dim", &self.dim)
            .field("max_tokens", &self.max_tokens)
            .finish_non_exhaustive()
    }
}

impl Embedder {
    /// Loads `config.json`, `tokenizer.json` and `model.safetensors` from `dir`. Texts are
    /// truncated to the length the folder's `sentence_bert_config.json` trained with (256
    /// tokens for MiniLM), else to the model's position limit.
    pub fn load(dir: impl AsRef<Path>) -> Result<Self, EmbedError> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(EmbedError::NoFolder { dir: dir.into() });
        }
        let file = |name: &'static str| -> Result<PathBuf, EmbedError> {
            let path = dir.join(name);
            if path.is_file() {
                Ok(path)
            } else {
                Err(EmbedError::Missing {
                    dir: dir.into(),
                    file: name,
                })
            }
        };
        let config_path = file("config.json")?;
        let config: Config = read_json(&config_path)?;
        let max_positions: Option<usize> = read_json::<serde_json::Value>(&config_path)?
            .get("max_position_embeddings")
            .and_then(serde_json::Value::as_u64)
            .map(|n| n as usize);
        let trained: Option<usize> = match file("sentence_bert_config.json") {
            Ok(path) => read_json::<serde_json::Value>(&path)?
                .get("max_seq_length")
                .and_then(serde_json::Value::as_u64)
                .map(|n| n as usize),
            Err(_) => None,
        };
        let limit = max_positions.unwrap_or(FALLBACK_MAX_TOKENS);
        let max_tokens = trained.unwrap_or(limit).min(limit).max(2);

        let tokenizer_path = file("tokenizer.json")?;
        let mut tokenizer =
            Tokenizer::from_file(&tokenizer_path).map_err(|source| EmbedError::Tokenizer {
                path: tokenizer_path.clone(),
                source,
            })?;
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: max_tokens,
                strategy: TruncationStrategy::LongestFirst,
                ..TruncationParams::default()
            }))
            .map_err(|source| EmbedError::Tokenizer {
                path: tokenizer_path.clone(),
                source,
            })?;
        // Pad each batch to its longest text, not to a fixed length.
        let pad_id = tokenizer.token_to_id("[PAD]").unwrap_or(0);
        tokenizer.with_padding(Some(PaddingParams {
            strategy: PaddingStrategy::BatchLongest,
            pad_id,
            ..PaddingParams::default()
        }));

        let weights_path = file("model.safetensors")?;
        let bytes = std::fs::read(&weights_path).map_err(|source| EmbedError::Read {
            path: weights_path.clone(),
            source,
        })?;
        let weights = |source| EmbedError::Weights {
            path: weights_path.clone(),
            source,
        };
        let vb = VarBuilder::from_buffered_safetensors(bytes, DType::F32, &Device::Cpu)
            .map_err(weights)?;
        let model = BertModel::load(vb, &config).map_err(weights)?;
        let dim = read_json::<serde_json::Value>(&config_path)?
            .get("hidden_size")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0) as usize;
        Ok(Self {
            model,
            tokenizer,
            dim,
            max_tokens,
        })
    }

    /// Length of the vectors [`Embedder::embed`] returns (384 for MiniLM).
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Tokens of a text the model reads (the rest is cut off).
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// One unit vector per text, in order: the mean of the model's output over the text's
    /// tokens, L2-normalised (the zero vector only if the model gives zeros). Runs in
    /// batches of [`BATCH`] texts of similar length.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        // Sort by length so each batch pads little; answers go back in input order.
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].len());
        let mut out: Vec<Vec<f32>> = vec![Vec::new(); texts.len()];
        for chunk in order.chunks(BATCH) {
            let batch: Vec<&str> = chunk.iter().map(|&i| texts[i]).collect();
            for (&i, v) in chunk.iter().zip(self.embed_batch(&batch)?) {
                out[i] = v;
            }
        }
        Ok(out)
    }

    fn embed_batch(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(EmbedError::Tokenize)?;
        let rows = encodings.len();
        let cols = encodings.first().map_or(0, |e| e.get_ids().len());
        let mut ids = Vec::with_capacity(rows * cols);
        let mut mask = Vec::with_capacity(rows * cols);
        for e in &encodings {
            ids.extend_from_slice(e.get_ids());
            mask.extend_from_slice(e.get_attention_mask());
        }
        let device = &self.model.device;
        let ids = Tensor::from_vec(ids, (rows, cols), device)?;
        let mask = Tensor::from_vec(mask, (rows, cols), device)?;
        let types = ids.zeros_like()?;
        let hidden = self.model.forward(&ids, &types, Some(&mask))?;
        // Mean over the real tokens only: padding is masked out of sum and count.
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let sum = hidden.broadcast_mul(&mask)?.sum(1)?;
        let count = mask.sum(1)?.clamp(1e-9, f32::MAX)?;
        let mean: Vec<Vec<f32>> = sum.broadcast_div(&count)?.to_vec2()?;
        Ok(mean.into_iter().map(normalised).collect())
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, EmbedError> {
    let text = std::fs::read_to_string(path).map_err(|source| EmbedError::Read {
        path: path.into(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| EmbedError::Config {
        path: path.into(),
        source,
    })
}

#[cfg(test)]
#[path = "embedder_tests.rs"]
mod tests;
