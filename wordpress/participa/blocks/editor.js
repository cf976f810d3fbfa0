/* participa's block editor script: one file, ES5, no build step (WordPress 6.1+).
 * Each block (participa/commitment, plan, thread, process, assembly, instrument,
 * process-template, responsibility) is registered
 * on the server from its block.json; here it gets its edit view: a TextControl per
 * attribute in the sidebar (InspectorControls) and the server's own rendering
 * (ServerSideRender, the same participa_render() as the shortcodes), disabled so
 * that its forms and links cannot be used inside the editor. Saved content
 * is nothing: the blocks are dynamic. Labels come translated from PHP
 * (window.participaEditor, see includes/blocks.php). */
(function (wp, config) {
	'use strict';
	if (!wp || !wp.blocks || !config) {
		return;
	}
	var el = wp.element.createElement;
	var InspectorControls = wp.blockEditor.InspectorControls;
	var useBlockProps = wp.blockEditor.useBlockProps;
	var PanelBody = wp.components.PanelBody;
	var TextControl = wp.components.TextControl;
	var Placeholder = wp.components.Placeholder;
	var Disabled = wp.components.Disabled;
	var ServerSideRender = wp.serverSideRender;

	/* What must be filled before the preview means anything. */
	var required = {
		'participa/commitment': 'id',
		'participa/plan': 'plan',
		'participa/process': 'id'
	};

	function edit(name, fields) {
		return function (props) {
			var attrs = props.attributes;
			var controls = fields.map(function (f) {
				return el(TextControl, {
					key: f[0],
					label: f[1],
					help: f[2],
					value: attrs[f[0]] || '',
					onChange: function (value) {
						var change = {};
						change[f[0]] = value;
						props.setAttributes(change);
					}
				});
			});
			var need = required[name];
			var preview = need && !attrs[need]
				? el(Placeholder, { label: wp.blocks.getBlockType(name).title, instructions: config.missing })
				: el(Disabled, {}, el(ServerSideRender, { block: name, attributes: attrs }));   /* a preview: its forms do not post */
			return el('div', useBlockProps ? useBlockProps() : {},
				el(InspectorControls, {}, el(PanelBody, { title: config.panel, initialOpen: true }, controls)),
				preview);
		};
	}

	Object.keys(config.fields).forEach(function (name) {
		if (wp.blocks.getBlockType(name)) {
			return;
		}
		wp.blocks.registerBlockType(name, {
			edit: edit(name, config.fields[name]),
			save: function () {
				return null;
			}
		});
	});
}(window.wp, window.participaEditor));
