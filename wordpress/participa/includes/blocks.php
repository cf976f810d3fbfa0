<?php
/**
 * The dynamic blocks participa/commitment, plan, thread, process, assembly and instrument:
 * registered from blocks/<name>/block.json with a render_callback that is the
 * shortcodes' render path (participa_render() with the same attributes), and
 * one hand-written ES5 editor script (blocks/editor.js: InspectorControls with
 * a TextControl per attribute and a ServerSideRender preview). No build step.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

/** The editor's labels and help texts, translated here (the script gets them as data, no JSON catalogs). */
function participa_editor_fields(): array {
	$heading = array( 'heading', __( 'Heading level (1-6)', 'participa' ), __( 'The level of the title; empty: 2.', 'participa' ) );
	return array(
		'participa/commitment' => array(
			array( 'id', __( 'Commitment id', 'participa' ), __( 'As in the plan, e.g. PAL-07.', 'participa' ) ),
			$heading,
		),
		'participa/plan'       => array(
			array( 'plan', __( 'Plan id', 'participa' ), __( 'E.g. pal-2026.', 'participa' ) ),
			array( 'as_of', __( 'As of (YYYY-MM-DD)', 'participa' ), __( 'Empty: today.', 'participa' ) ),
			$heading,
		),
		'participa/thread'     => array(
			array( 'subject_type', __( 'Subject type', 'participa' ), __( 'post, commitment, process, project, assembly...', 'participa' ) ),
			array( 'subject_id', __( 'Subject id', 'participa' ), __( 'Empty: this post.', 'participa' ) ),
			array( 'title', __( 'Title', 'participa' ), __( 'Empty: the thread\'s own title.', 'participa' ) ),
			$heading,
		),
		'participa/process'    => array(
			array( 'id', __( 'Process id', 'participa' ), __( 'As in the YAML, e.g. pp-2026.', 'participa' ) ),
			array( 'show', __( 'Show', 'participa' ), __( 'auto, ballot, status, results, receipt or paper.', 'participa' ) ),
			$heading,
		),
		'participa/assembly'   => array(
			array( 'territory', __( 'Territory id', 'participa' ), __( 'Empty: every territory.', 'participa' ) ),
			$heading,
		),
		'participa/instrument' => array(
			array( 'id', __( 'Questionnaire id', 'participa' ), __( 'As in the YAML, e.g. infoem-apertura-2022.', 'participa' ) ),
			array( 'show', __( 'Show', 'participa' ), __( 'form, corroborate or report.', 'participa' ) ),
			array( 'subject', __( 'Subject id', 'participa' ), __( 'Empty: the reader\'s own territory, or a list to choose from.', 'participa' ) ),
			array( 'as', __( 'Answer as', 'participa' ), __( 'Empty, or evaluation for an evaluator\'s scorecard.', 'participa' ) ),
			$heading,
		),
		'participa/process-template' => array(
			array( 'id', __( 'Template id', 'participa' ), __( 'The process with for_each: in the YAML, e.g. jpc-2026.', 'participa' ) ),
			$heading,
		),
		'participa/responsibility'   => array(
			array( 'of', __( 'Territory or person', 'participa' ), __( 'A directorate\'s territory id, or a participant who answers for territories.', 'participa' ) ),
			array( 'date', __( 'As of (YYYY-MM-DD)', 'participa' ), __( 'Empty: today.', 'participa' ) ),
			$heading,
		),
	);
}

/** Registers the editor script and the eight blocks. */
function participa_register_blocks(): void {
	participa_register_assets();
	wp_register_script(
		'participa-editor',
		plugins_url( 'blocks/editor.js', PARTICIPA_PLUGIN_FILE ),
		array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-server-side-render' ),
		PARTICIPA_PLUGIN_VERSION,
		false
	);
	wp_add_inline_script(
		'participa-editor',
		'window.participaEditor = ' . wp_json_encode(
			array(
				'fields'  => participa_editor_fields(),
				'panel'   => __( 'participa', 'participa' ),
				'missing' => __( 'Fill in the settings in the sidebar to show this block.', 'participa' ),
			)
		) . ';',
		'before'
	);
	$table = array();
	foreach ( participa_shortcode_table() as [ $fragment, $defaults ] ) {
		$table[ $fragment ] = $defaults;
	}
	foreach ( $table as $fragment => $defaults ) {
		register_block_type(
			PARTICIPA_PLUGIN_DIR . '/blocks/' . $fragment,
			array(
				// The block's wrapper carries its classes and alignment (wide, full); inside, the shortcode's output.
				'render_callback' => static fn( $attributes ) => '<div ' . get_block_wrapper_attributes() . '>'
					. participa_render( $fragment, participa_clean_args( $defaults, (array) $attributes ) ) . '</div>',
			)
		);
	}
}
add_action( 'init', 'participa_register_blocks', 30 );
